// Progress of long runs on stderr: claim, trials done, elapsed and an estimate of what is left.
// Thread-safe; silent when disabled (tests) and rate-limited so it never slows the trials.
#pragma once

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>

namespace thmcheck {

class Progress {
 public:
  explicit Progress(bool enabled = false) : enabled_(enabled) {}
  void start_claim(const std::string& label, std::size_t planned);
  void advance(std::size_t done_now);  // called by trial loops; cheap
  void finish_claim(const std::string& verdict);
  bool enabled() const { return enabled_; }

 private:
  void print_locked(bool final_line);
  bool enabled_;
  std::mutex mutex_;
  std::string label_;
  std::size_t planned_ = 0;
  std::atomic<std::size_t> done_{0};
  std::chrono::steady_clock::time_point start_, last_print_;
};

}  // namespace thmcheck
