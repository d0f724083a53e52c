// Progress of long runs on stderr: claim (or task), units done (trials by default), elapsed and an
// estimate of what is left. Thread-safe; silent when disabled (tests) and rate-limited (a line
// every 2 s at most) so it never slows the work, and so short runs print nothing.
#pragma once

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <utility>

namespace thmcheck {

class Progress {
 public:
  explicit Progress(bool enabled = false, std::string unit = "trials")
      : enabled_(enabled), unit_(std::move(unit)) {}
  void start_claim(const std::string& label, std::size_t planned);
  void advance(std::size_t done_now);  // called by trial loops; cheap
  void finish_claim(const std::string& verdict);
  void end_line();  // ends the progress line, if one was printed (for tasks without a verdict)
  bool enabled() const { return enabled_; }

 private:
  void print_locked(bool final_line);
  bool enabled_;
  bool printed_ = false;
  std::string unit_;
  std::mutex mutex_;
  std::string label_;
  std::size_t planned_ = 0;
  std::atomic<std::size_t> done_{0};
  std::chrono::steady_clock::time_point start_, last_print_;
};

}  // namespace thmcheck
