#include "run_options.hpp"

#include <stdexcept>

#include "thmcheck/core/errors.hpp"

namespace thmcheck::cli {

ControlsMode parse_controls_mode(const std::string& s) {
  if (s == "include") return ControlsMode::include;
  if (s == "only") return ControlsMode::only;
  if (s == "exclude") return ControlsMode::exclude;
  throw InputError("unknown --controls mode '" + s + "' (expected include, only or exclude)");
}

Shard parse_shard(const std::string& s) {
  auto slash = s.find('/');
  try {
    if (slash == std::string::npos) throw std::invalid_argument("no slash");
    std::size_t p1 = 0, p2 = 0;
    int i = std::stoi(s.substr(0, slash), &p1), n = std::stoi(s.substr(slash + 1), &p2);
    if (p1 != slash || p2 != s.size() - slash - 1) throw std::invalid_argument("trailing");
    if (n < 1 || i < 0 || i >= n) throw std::invalid_argument("range");
    return {i, n};
  } catch (const std::exception&) {
    throw InputError("malformed --shard '" + s + "' (expected I/N with 0 <= I < N)");
  }
}

Override parse_override(const std::string& s) {
  auto eq = s.find('=');
  auto dot = s.find('.');
  if (eq == std::string::npos || dot == std::string::npos || dot > eq || dot == 0 || dot + 1 == eq)
    throw InputError("malformed --set '" + s + "' (expected THEOREM.PARAM=VALUE)");
  Override o{s.substr(0, dot), s.substr(dot + 1, eq - dot - 1), 0};
  std::string v = s.substr(eq + 1);
  try {
    std::size_t pos = 0;
    o.value = std::stod(v, &pos);
    if (pos != v.size()) throw std::invalid_argument("trailing");
  } catch (const std::exception&) {
    throw InputError("malformed --set '" + s + "': '" + v + "' is not a number");
  }
  return o;
}

}  // namespace thmcheck::cli
