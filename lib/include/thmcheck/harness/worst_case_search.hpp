// Worst case by search: a local derivative-free maximization over a box, the engine of the targeted
// search that inequality claims run beside random sampling (as Hypothesis's target() and PEPit's
// worst-case computation do in their worlds). Random starts almost never meet the worst mode of a
// non-normal iteration; a local search from the best sampled points climbs to it.
//
// The optimizer is NLopt's Subplex (LN_SBPLX): Nelder-Mead on a sequence of low-dimensional
// subspaces. It needs no derivative, copes with the kinks of a maximum over iterations, scales to a
// few hundred variables, and is deterministic: the same start gives the same search on any machine
// and thread count.
#pragma once

#include <cstddef>
#include <functional>
#include <vector>

namespace thmcheck {

struct SearchBox {
  std::vector<double> lo, hi;
  std::size_t size() const { return lo.size(); }
};

struct SearchOutcome {
  std::vector<double> x;        // the best point evaluated
  double value = 0;             // the objective there
  std::size_t evaluations = 0;  // of the objective, the start included
  bool stopped = false;         // `stop` ended the search early
};

// Maximizes f over the box from x0 (clamped into it) with at most max_evaluations evaluations, the
// start's included. After each evaluation stop(value) may end the search (a violation found needs
// no better one). An objective that throws counts as -infinity there (a point outside what the
// measure can build).
SearchOutcome maximize_in_box(const std::function<double(const std::vector<double>&)>& f,
                              std::vector<double> x0, const SearchBox& box,
                              std::size_t max_evaluations,
                              const std::function<bool(double)>& stop = {});

}  // namespace thmcheck
