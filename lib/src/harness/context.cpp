#include "thmcheck/harness/context.hpp"

#include <omp.h>

#include <atomic>
#include <exception>
#include <mutex>

#include "thmcheck/harness/replay.hpp"
#include "thmcheck/harness/theorem.hpp"

namespace thmcheck {

ClaimContext::ClaimContext(const Theorem& theorem_, const Claim& claim_, const Parameters& params_,
                           Tier tier_, std::uint64_t suite_seed_, int jobs_, InstanceStore& store_,
                           Progress& progress_)
    : theorem(theorem_),
      claim(claim_),
      params(params_),
      tier(tier_),
      suite_seed(suite_seed_),
      jobs(jobs_ < 1 ? 1 : jobs_),
      store(store_),
      progress(progress_) {}

std::uint64_t ClaimContext::instance_seed(std::size_t i) const {
  return derive_seed(suite_seed, theorem.id, "", i, 0);
}

std::uint64_t ClaimContext::trial_seed(std::size_t instance, std::size_t trial) const {
  return derive_seed(suite_seed, theorem.id, claim.id(), instance, trial);
}

Point ClaimContext::instance(std::size_t i) const {
  if (is_pinned(i))
    return theorem.hypotheses.make(claim.info.pinned[i].values, claim.info.pinned[i].seed);
  return theorem.hypotheses.sample(instance_seed(i - pinned()), tier);
}

namespace {

// Runs body(k) for k in [0, count) on `jobs` threads; the first exception is rethrown after the
// loop (an exception must not escape an OpenMP region). Once `stopped()` turns true the remaining
// bodies are skipped (the loop itself runs out: an OpenMP loop cannot be left) and Interrupted is
// thrown after it.
void parallel_for(std::size_t count, int jobs, const std::function<bool()>& stopped,
                  const std::function<void(std::size_t)>& body) {
  std::exception_ptr error;
  std::mutex error_mutex;
  std::atomic<bool> skipped{false};
#pragma omp parallel for schedule(dynamic, 1) num_threads(jobs)
  for (std::size_t k = 0; k < count; ++k) {
    if (skipped.load(std::memory_order_relaxed) || stopped()) {
      skipped = true;
      continue;
    }
    try {
      body(k);
    } catch (...) {
      std::lock_guard<std::mutex> lock(error_mutex);
      if (!error) error = std::current_exception();
    }
  }
  if (skipped) throw Interrupted();
  if (error) std::rethrow_exception(error);
}

}  // namespace

Interrupted::Interrupted() : std::runtime_error("interrupted by a signal") {}

bool ClaimContext::stopping() const {
  if (!stop || !stop->load(std::memory_order_relaxed)) return false;
  abandoned_ = true;
  return true;
}

void ClaimContext::parallel(std::size_t count, const std::function<void(std::size_t)>& body) const {
  parallel_for(
      count, jobs, [this] { return stopping(); }, body);
}

const Eigen::VectorXd& Trial::input(std::size_t i) const {
  if (i >= inputs.size())
    throw std::logic_error("the measure reads adversarial input " + std::to_string(i) + " of " +
                           point.describe() + ", but the claim declares " +
                           std::to_string(inputs.size()));
  return inputs[i];
}

void ClaimContext::for_each_trial(std::size_t first, std::size_t count,
                                  std::size_t trials_per_instance,
                                  const std::function<void(std::size_t, const Trial&)>& f) {
  if (trials_per_instance == 0) trials_per_instance = 1;
  // Points are drawn before the parallel loop: drawing is cheap and keeps the loop body simple.
  std::size_t first_inst = first / trials_per_instance;
  std::size_t last_inst = count == 0 ? first_inst : (first + count - 1) / trials_per_instance;
  std::vector<Point> points;
  for (std::size_t i = first_inst; i <= last_inst; ++i) points.push_back(instance(i));
  parallel(count, [&](std::size_t k) {
    std::size_t t = first + k;
    std::size_t inst = t / trials_per_instance;
    Engine rng = make_engine(trial_seed(inst, t));
    Trial trial{.point = points[inst - first_inst],
                .instance = inst,
                .index = t,
                .run = t - inst * trials_per_instance,
                .rng = rng,
                .params = params,
                .tier = tier,
                .store = store};
    f(k, trial);
    progress.advance(1);
  });
}

void ClaimContext::for_each_trial_on(const std::vector<Point>& points, std::size_t trials_per_point,
                                     const std::function<void(std::size_t, const Trial&)>& f) {
  if (trials_per_point == 0) trials_per_point = 1;
  parallel(points.size() * trials_per_point, [&](std::size_t k) {
    std::size_t inst = k / trials_per_point;
    Engine rng = make_engine(trial_seed(inst, k));
    Trial trial{.point = points[inst],
                .instance = inst,
                .index = k,
                .run = k - inst * trials_per_point,
                .rng = rng,
                .params = params,
                .tier = tier,
                .store = store};
    f(k, trial);
    progress.advance(1);
  });
}

TrialRef ClaimContext::trial_ref(std::size_t index, std::size_t trials_per_instance) const {
  if (trials_per_instance == 0) trials_per_instance = 1;
  const std::size_t inst = index / trials_per_instance;
  return {trial_seed(inst, index), index, index - inst * trials_per_instance};
}

std::string ClaimContext::replay_token(const Point& point, const TrialRef& ref,
                                       std::size_t instance) const {
  ReplayTarget t;
  t.theorem = theorem.id;
  t.claim = claim.id();
  t.suite_seed = suite_seed;
  t.tier = tier;
  t.values = point.values;
  t.point_seed = point.seed;
  t.trial_seed = ref.seed;
  t.trial_index = ref.index;
  t.trial_run = ref.run;
  t.instance = instance;
  t.inputs = ref.inputs;
  for (const auto& p : params.all())
    if (p.value != p.default_value) t.parameters[p.name] = p.value;
  return encode_replay(t);
}

}  // namespace thmcheck
