// The command line's spelling of run options: --controls MODE, --shard I/N and --set
// THEOREM.PARAM=VALUE. Each parser throws InputError naming the malformed argument (exit 64).
#pragma once

#include <string>

#include "thmcheck/harness/runner.hpp"

namespace thmcheck::cli {

ControlsMode parse_controls_mode(const std::string& s);  // include, only or exclude
Shard parse_shard(const std::string& s);                 // "I/N" with 0 <= I < N
Override parse_override(const std::string& s);           // "THEOREM.PARAM=VALUE"

}  // namespace thmcheck::cli
