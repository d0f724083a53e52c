// Errors a user can cause: bad ids, malformed --set, unreadable files, nonsensical sizes.
// The command line maps InputError to exit code 64; its message must name the bad input.
#pragma once

#include <stdexcept>
#include <string>

namespace thmcheck {

class InputError : public std::runtime_error {
 public:
  explicit InputError(const std::string& what) : std::runtime_error(what) {}
};

}  // namespace thmcheck
