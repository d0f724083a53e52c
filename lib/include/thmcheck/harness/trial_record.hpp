// Evidence a claim gathers from its trials beside what its kind decides: per-trial numbers behind a
// fitted constant, a figure's curves, counts. Trials run in parallel, so rows are stored by (trial
// index, key) and read back in trial order: the evidence does not depend on the schedule of the
// loop, nor on the thread count. A trial that runs again (a replay, a shrinking step) replaces its
// row.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include "thmcheck/harness/claim.hpp"

namespace thmcheck {

class TrialRecord {
 public:
  // Thread-safe. `key` separates the rows one trial records for several settings (a batch size, a
  // width); most claims record one row per trial under key 0.
  void put(std::size_t trial, std::vector<double> values, double key = 0);
  void put(std::size_t trial, double value, double key = 0) {
    put(trial, std::vector<double>{value}, key);
  }

  // Column `col` of the rows recorded under `key`, in trial order (rows too short are skipped).
  std::vector<double> column(double key = 0, std::size_t col = 0) const;
  std::size_t size() const;
  void clear();

 private:
  mutable std::mutex mutex_;
  std::map<std::pair<std::size_t, double>, std::vector<double>> rows_;
};

// The claim `c` with evidence: its records are cleared before its kind runs, then `add` reads them
// and puts what it gathered (details, figures) into the result, and they are cleared again (a
// record holds one claim's trials at a time). The verdict is the kind's: evidence never changes it.
Claim with_evidence(Claim c, std::vector<std::shared_ptr<TrialRecord>> records,
                    std::function<void(ClaimContext&, ClaimResult&)> add);

}  // namespace thmcheck
