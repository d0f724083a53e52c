// Lone minibatch HBM runs advanced in lockstep on one thread: the small-batch counterpart of the
// ensemble (minibatch_ensemble.hpp), for batches too small to share rows between runs.
//
// Why. A run's step reads B rows scattered over A. When B is small and A is beyond the caches, the
// step is a handful of cache misses with little work to hide them behind: a lone run waits on
// memory about once per step. In lockstep, each run draws its next batch right after its step, and
// run t's gradient requests the drawn rows of run t + 2 while it computes, so the misses of
// different runs overlap instead of adding up. Two runs ahead, not one: a request must outlast the
// next run's own step and draws (measured at B = 27, n = 9 x 10^5, d = 20, 10 runs: one run ahead
// gained nothing, two 16%, three and five less than two; docs/performance.md). A run's draws are
// made in two halves (MinibatchHeavyBall::begin_draw, finish_draw) around the next run's step, so
// that a large alias table's lines arrive meanwhile too (B = 27 as above, 2000 steps: 34-38 ->
// 30-32 ms).
//
// Bits. Each run uses only its own engine, in the order its lone steps use it (draw, then sum),
// and a request from memory changes no value: every run is bit-identical to MinibatchHeavyBall run
// alone with step().
#pragma once

#include <functional>
#include <span>
#include <vector>

#include "thmcheck/methods/minibatch_heavy_ball.hpp"

namespace thmcheck {

// ||x_k - x*|| / ||x_0 - x*|| for k = 0 .. iterations, for each run (runs[t] draws from rngs[t]).
// progress(runs.size()) is called after each iteration of all runs.
std::vector<Eigen::VectorXd> lockstep_relative_errors(
    std::span<MinibatchHeavyBall> runs, std::span<Engine> rngs, int iterations,
    const Eigen::VectorXd& x_star, const std::function<void(std::size_t)>& progress = {});

}  // namespace thmcheck
