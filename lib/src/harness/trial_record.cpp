#include "thmcheck/harness/trial_record.hpp"

#include "thmcheck/harness/context.hpp"

namespace thmcheck {

void TrialRecord::put(std::size_t trial, std::vector<double> values, double key) {
  std::lock_guard<std::mutex> lock(mutex_);
  rows_[{trial, key}] = std::move(values);
}

std::vector<double> TrialRecord::column(double key, std::size_t col) const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<double> out;
  for (const auto& [k, v] : rows_)
    if (k.second == key && col < v.size()) out.push_back(v[col]);
  return out;
}

std::size_t TrialRecord::size() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return rows_.size();
}

void TrialRecord::clear() {
  std::lock_guard<std::mutex> lock(mutex_);
  rows_.clear();
}

Claim with_evidence(Claim c, std::vector<std::shared_ptr<TrialRecord>> records,
                    std::function<void(ClaimContext&, ClaimResult&)> add) {
  auto inner = c.check;
  c.check = [inner, records = std::move(records), add = std::move(add)](ClaimContext& ctx) {
    for (const auto& r : records) r->clear();
    ClaimResult result = inner(ctx);
    add(ctx, result);
    for (const auto& r : records) r->clear();
    return result;
  };
  return c;
}

}  // namespace thmcheck
