#include "thmcheck/spectral/width_factors.hpp"

#include <cmath>
#include <string>

#include "thmcheck/core/errors.hpp"

namespace thmcheck {

namespace {

void require(int d, int r) {
  if (r < 1 || d < r)
    throw InputError("width factor: need 1 <= r <= d, got d = " + std::to_string(d) +
                     ", r = " + std::to_string(r));
}

}  // namespace

double wk_width_factor(int d, int r) {
  require(d, r);
  const double g = std::sqrt(double(d)) - std::sqrt(double(r - 1));
  return double(d) / (g * g);
}

double gd_width_factor(int d, int r) {
  const double f = nag_width_factor(d, r);
  return f * f;
}

double nag_width_factor(int d, int r) {
  require(d, r);
  return double(d) / double(d - r + 1);
}

double chen_dongarra_log_cond_bound(int N, int n) {
  require(N, n);
  return std::log(double(N) / double(N - n + 1)) + 2.258;
}

}  // namespace thmcheck
