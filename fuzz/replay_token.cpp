// Fuzzes the replay token decoder (thmcheck replay TOKEN): any string either decodes or is refused
// with an InputError; a token that decodes encodes back to one that decodes to the same target.
#include <cstddef>
#include <cstdint>
#include <string>

#include "thmcheck/core/errors.hpp"
#include "thmcheck/harness/replay.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string token(reinterpret_cast<const char*>(data), size);
  thmcheck::ReplayTarget t;
  try {
    t = thmcheck::decode_replay(token);
  } catch (const thmcheck::InputError&) {
    return 0;
  }
  const std::string again = thmcheck::encode_replay(t);
  const thmcheck::ReplayTarget u = thmcheck::decode_replay(again);  // must not throw
  if (thmcheck::encode_replay(u) != again) __builtin_trap();
  return 0;
}
