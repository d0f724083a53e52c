// Fuzzes the command line's parsers of --set THEOREM.PARAM=VALUE, --shard I/N and --controls MODE:
// each input is either parsed into a value inside its documented range or refused with an
// InputError.
#include "run_options.hpp"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>

#include "thmcheck/core/errors.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string s(reinterpret_cast<const char*>(data), size);
  try {
    const thmcheck::Shard sh = thmcheck::cli::parse_shard(s);
    if (sh.count < 1 || sh.index < 0 || sh.index >= sh.count) __builtin_trap();
  } catch (const thmcheck::InputError&) {
  }
  try {
    const thmcheck::Override o = thmcheck::cli::parse_override(s);
    if (o.theorem.empty() || o.parameter.empty()) __builtin_trap();
    if (o.theorem.size() + o.parameter.size() + 2 > s.size()) __builtin_trap();
  } catch (const thmcheck::InputError&) {
  }
  try {
    (void)thmcheck::cli::parse_controls_mode(s);
  } catch (const thmcheck::InputError&) {
  }
  return 0;
}
