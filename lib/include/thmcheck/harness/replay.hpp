// Replay tokens: a counterexample or a failing trial, packed into one printable string that
// `thmcheck replay TOKEN` turns back into exactly that instance, trial engine and parameters.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "thmcheck/harness/hypotheses.hpp"
#include "thmcheck/harness/tier.hpp"

namespace thmcheck {

struct ReplayTarget {
  std::string theorem, claim;
  std::uint64_t suite_seed = 0;
  Tier tier = Tier::quick;
  std::vector<std::pair<std::string, double>> values;  // the point's named values
  std::uint64_t point_seed = 0;
  std::uint64_t trial_seed = 0;
  std::uint64_t trial_index = 0;  // the trial's index within the claim
  std::uint64_t trial_run = 0;    // and among its instance's trials
  std::uint64_t instance = 0;
  std::vector<std::vector<double>>
      inputs;  // adversarial inputs chosen by the search (empty: drawn)
  nlohmann::json parameters = nlohmann::json::object();  // non-default parameters in force
};

std::string encode_replay(const ReplayTarget& t);
ReplayTarget decode_replay(const std::string& token);  // throws InputError on a malformed token

}  // namespace thmcheck
