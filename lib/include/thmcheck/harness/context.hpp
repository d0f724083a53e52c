// The context a claim's check runs in: its parameters, tier, seeds, thread count, the instance
// cache and progress; and the deterministic parallel trial loop every kind uses.
#pragma once

#include <Eigen/Dense>
#include <atomic>
#include <cstdint>
#include <functional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "thmcheck/core/seed.hpp"
#include "thmcheck/harness/claim.hpp"
#include "thmcheck/harness/hypotheses.hpp"
#include "thmcheck/harness/instance_store.hpp"
#include "thmcheck/harness/parameters.hpp"
#include "thmcheck/harness/progress.hpp"
#include "thmcheck/harness/tier.hpp"

namespace thmcheck {

struct Theorem;

// Thrown by the trial loops once the run is asked to stop (verify on SIGINT or SIGTERM): the claim
// is abandoned, and the runner records it as missing whatever the claim made of the exception.
class Interrupted : public std::runtime_error {
 public:
  Interrupted();
};

// One trial: the instance it runs on and its own engine. The harness builds it, always with
// designated initializers (its members are references).
struct Trial {
  const Point& point;        // the sampled instance
  std::size_t instance = 0;  // index of the instance within the claim
  std::size_t index = 0;     // index of the trial within the claim (its seed's last component)
  std::size_t run = 0;       // index of the trial among the trials of its instance
  Engine& rng;               // this trial's engine; the instance's own randomness is point.seed
  const Parameters& params;
  Tier tier;
  InstanceStore& store;
  // The claim's adversarial inputs on this trial (harness/adversarial_input.hpp), in declaration
  // order: drawn at random on sampled trials, chosen by the worst-case search on searched ones.
  std::span<const Eigen::VectorXd> inputs = {};

  const Eigen::VectorXd& input(
      std::size_t i) const;  // throws std::logic_error if the claim declared none
};

class ClaimContext {
 public:
  ClaimContext(const Theorem& theorem, const Claim& claim, const Parameters& params, Tier tier,
               std::uint64_t suite_seed, int jobs, InstanceStore& store, Progress& progress);

  const Theorem& theorem;
  const Claim& claim;
  const Parameters& params;
  Tier tier;
  std::uint64_t suite_seed;
  int jobs;
  InstanceStore& store;
  Progress& progress;
  bool search = true;  // worst case by search beside sampling (RunOptions::search)
  // Set by the runner (RunOptions::stop): once it reads true, the trial loops run no further trial
  // and throw Interrupted.
  const std::atomic<bool>* stop = nullptr;
  // Whether a trial loop skipped work because of `stop`: the claim's result is then not its
  // verdict.
  bool abandoned() const { return abandoned_.load(); }

  // Instances are seeded by (suite seed, theorem, instance) only, so every claim of a theorem
  // sees the same instances: common random numbers across claims. The claim's pinned examples come
  // first: instance i < pinned() is pinned example i, whatever the suite seed; instance pinned() +
  // j is the j-th sampled instance, the same one every claim of the theorem sees as its j-th.
  Point instance(std::size_t i) const;
  std::size_t pinned() const { return claim.info.pinned.size(); }
  bool is_pinned(std::size_t i) const { return i < pinned(); }
  // How many instances a claim runs when its budget samples `sampled`: its pinned ones come on top.
  std::size_t instances(std::size_t sampled) const { return pinned() + sampled; }
  std::uint64_t instance_seed(std::size_t i) const;
  std::uint64_t trial_seed(std::size_t instance, std::size_t trial) const;
  std::uint64_t claim_seed() const { return trial_seed(0, 0); }
  // Trial `index` of a loop with trials_per_instance trials per instance, as a replay names it.
  TrialRef trial_ref(std::size_t index, std::size_t trials_per_instance) const;

  // Runs trials first..first+count-1 in parallel (OpenMP, `jobs` threads); trial t runs on instance
  // t / trials_per_instance. Results are stored by index, so they do not depend on the schedule.
  template <class Sample>
  std::vector<Sample> run_trials(std::size_t first, std::size_t count,
                                 std::size_t trials_per_instance,
                                 const std::function<Sample(const Trial&)>& f) {
    std::vector<Sample> out(count);
    for_each_trial(first, count, trials_per_instance,
                   [&](std::size_t k, const Trial& t) { out[k] = f(t); });
    return out;
  }

  // body(k) for k in [0, count) on `jobs` threads; the first exception is rethrown after the loop.
  // For work that is not one trial per index (the worst-case search's starts); results stored by
  // index.
  void parallel(std::size_t count, const std::function<void(std::size_t)>& body) const;

  // Same, on explicit points (replay, shrinking, sweeps whose points the claim builds).
  void for_each_trial(std::size_t first, std::size_t count, std::size_t trials_per_instance,
                      const std::function<void(std::size_t k, const Trial&)>& f);
  void for_each_trial_on(const std::vector<Point>& points, std::size_t trials_per_point,
                         const std::function<void(std::size_t k, const Trial&)>& f);

  // One trial on an explicit point (replay and shrinking).
  template <class Sample>
  Sample run_one(const Point& point, const TrialRef& ref, std::size_t instance,
                 const std::function<Sample(const Trial&)>& f) {
    if (stopping()) throw Interrupted();
    Engine rng = make_engine(ref.seed);
    Trial trial{.point = point,
                .instance = instance,
                .index = ref.index,
                .run = ref.run,
                .rng = rng,
                .params = params,
                .tier = tier,
                .store = store};
    return f(trial);
  }

  // A token that replays this claim's trial `ref` on `point` (harness/replay.hpp).
  std::string replay_token(const Point& point, const TrialRef& ref, std::size_t instance) const;

 private:
  bool stopping() const;  // `stop` reads true; marks the claim abandoned
  mutable std::atomic<bool> abandoned_{false};
};

}  // namespace thmcheck
