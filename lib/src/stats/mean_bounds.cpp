#include "thmcheck/stats/mean_bounds.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace thmcheck::stats {

namespace {

double mean_of(const std::vector<double>& x) {
  double s = 0;
  for (double v : x) s += v;
  return s / double(x.size());
}

void check_range(const std::vector<double>& x, double a, double b) {
  if (!(b > a)) throw std::invalid_argument("bounded mean: empty range");
  for (double v : x)
    if (!(v >= a && v <= b))
      throw std::invalid_argument("bounded mean: a sample lies outside its stated range");
}

}  // namespace

MeanInterval hoeffding(const std::vector<double>& x, double a, double b, double alpha) {
  check_range(x, a, b);
  MeanInterval m;
  m.method = "Hoeffding";
  if (x.empty()) return {0, {a, b}, m.method};
  m.mean = mean_of(x);
  // One-sided Hoeffding at alpha/2 on each side.
  double w = (b - a) * std::sqrt(std::log(2.0 / alpha) / (2.0 * double(x.size())));
  m.interval = {std::max(a, m.mean - w), std::min(b, m.mean + w)};
  return m;
}

MeanInterval empirical_bernstein(const std::vector<double>& x, double a, double b, double alpha) {
  check_range(x, a, b);
  MeanInterval m;
  m.method = "empirical Bernstein";
  const double n = double(x.size());
  if (x.size() < 2) return {x.empty() ? 0 : x[0], {a, b}, m.method};
  m.mean = mean_of(x);
  double v = 0;
  for (double xi : x) v += (xi - m.mean) * (xi - m.mean);
  v /= (n - 1);
  // Maurer and Pontil (2009), Theorem 4, one-sided at alpha/2 per side: ln(2/(alpha/2)).
  const double l = std::log(4.0 / alpha);
  double w = std::sqrt(2.0 * v * l / n) + 7.0 * (b - a) * l / (3.0 * (n - 1));
  m.interval = {std::max(a, m.mean - w), std::min(b, m.mean + w)};
  return m;
}

MeanInterval bounded_mean(const std::vector<double>& x, double a, double b, double alpha) {
  auto h = hoeffding(x, a, b, alpha / 2);
  auto e = empirical_bernstein(x, a, b, alpha / 2);
  MeanInterval m;
  m.mean = h.mean;
  m.interval = {std::max(h.interval.lo, e.interval.lo), std::min(h.interval.hi, e.interval.hi)};
  m.method = "Hoeffding and empirical Bernstein, intersected";
  return m;
}

}  // namespace thmcheck::stats
