#include "thmcheck/harness/progress.hpp"

#include <fmt/format.h>

#include <cstdio>

namespace thmcheck {

void Progress::start_claim(const std::string& label, std::size_t planned) {
  if (!enabled_) return;
  std::lock_guard<std::mutex> lock(mutex_);
  label_ = label;
  planned_ = planned;
  done_ = 0;
  start_ = last_print_ = std::chrono::steady_clock::now();
}

void Progress::advance(std::size_t done_now) {
  if (!enabled_) return;
  done_ += done_now;
  auto now = std::chrono::steady_clock::now();
  if (now - last_print_ < std::chrono::seconds(2)) return;
  std::unique_lock<std::mutex> lock(mutex_, std::try_to_lock);
  if (!lock.owns_lock()) return;
  last_print_ = now;
  print_locked(false);
}

void Progress::finish_claim(const std::string& verdict) {
  if (!enabled_) return;
  std::lock_guard<std::mutex> lock(mutex_);
  double el = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  std::fprintf(stderr, "\r%-60s %8zu %s %7.1fs  %s\n", label_.c_str(), done_.load(), unit_.c_str(),
               el, verdict.c_str());
  printed_ = false;
}

void Progress::end_line() {
  if (!enabled_) return;
  std::lock_guard<std::mutex> lock(mutex_);
  if (printed_) std::fprintf(stderr, "\n");
  printed_ = false;
}

void Progress::print_locked(bool) {
  double el = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  std::size_t d = done_.load();
  // Sequential claims do not know their total in advance: then only the count so far is shown.
  if (planned_ == 0) {
    std::fprintf(stderr, "\r%-60s %8zu %s %7.1fs running", label_.c_str(), d, unit_.c_str(), el);
    printed_ = true;
    std::fflush(stderr);
    return;
  }
  std::string left = "?";
  if (d > 0 && planned_ > d)
    left = fmt::format("~{:.0f}s left", el * double(planned_ - d) / double(d));
  std::fprintf(stderr, "\r%-60s %8zu/%zu %s %7.1fs %s", label_.c_str(), d, planned_, unit_.c_str(),
               el, left.c_str());
  printed_ = true;
  std::fflush(stderr);
}

}  // namespace thmcheck
