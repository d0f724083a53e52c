#include "thmcheck/methods/minibatch_lockstep.hpp"

#include <stdexcept>

namespace thmcheck {

std::vector<Eigen::VectorXd> lockstep_relative_errors(
    std::span<MinibatchHeavyBall> runs, std::span<Engine> rngs, int iterations,
    const Eigen::VectorXd& x_star, const std::function<void(std::size_t)>& progress) {
  if (rngs.size() != runs.size()) throw std::invalid_argument("lockstep runs: one engine per run");
  if (iterations < 0) throw std::invalid_argument("lockstep runs: iterations must be >= 0");
  const std::size_t R = runs.size();
  std::vector<Eigen::VectorXd> errors(R, Eigen::VectorXd(iterations + 1));
  std::vector<double> e0(R);
  for (std::size_t t = 0; t < R; ++t) {
    e0[t] = (runs[t].x() - x_star).norm();
    errors[t](0) = (runs[t].x() - x_star).norm() / e0[t];
    if (iterations > 0) runs[t].draw(rngs[t]);
  }
  // A run's next batch is begun right after its step and finished after the next run's step, so
  // that the sampler's lines it reads arrive meanwhile (AliasTable::begin_sample); it is finished
  // long before its rows are requested (R - 2 steps later).
  std::size_t pending = R;  // the run whose draw is begun and not finished, R for none
  auto finish_pending = [&] {
    if (pending < R) runs[pending].finish_draw();
    pending = R;
  };
  for (int k = 1; k <= iterations; ++k) {
    for (std::size_t t = 0; t < R; ++t) {
      // Two runs ahead, in this iteration or (wrapping) the next, whose batch is drawn already;
      // with one or two runs there is none (t + 2 wraps to t).
      const std::size_t next = (t + 2) % R;
      if (pending == next || pending == t) finish_pending();  // only with three runs or fewer
      runs[t].advance(next != t ? runs[next].drawn_rows() : std::span<const std::size_t>{});
      finish_pending();
      errors[t](k) = (runs[t].x() - x_star).norm() / e0[t];
      if (k < iterations) {
        runs[t].begin_draw(rngs[t]);
        pending = t;
      }
    }
    if (progress) progress(R);
  }
  finish_pending();
  return errors;
}

}  // namespace thmcheck
