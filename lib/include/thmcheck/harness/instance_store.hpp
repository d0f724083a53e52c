// A per-run cache of built instances (matrices, spectra), keyed by the point that describes them.
// Building a 10^5 x 100 matrix once per instance instead of once per trial is most of the speed of
// a Monte Carlo claim. Thread-safe: the first trial to ask builds, the others wait for it. Entries
// are keyed by their type as well as their key, so two claims that use one key for different types
// get two entries, and reading an entry back is always the type it was built as.
#pragma once

#include <any>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <typeindex>
#include <utility>

namespace thmcheck {

class InstanceStore {
 public:
  template <class T>
  std::shared_ptr<const T> get(const std::string& key, const std::function<T()>& build) {
    std::shared_ptr<Slot> slot;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      auto& s = slots_[{std::type_index(typeid(T)), key}];
      if (!s) s = std::make_shared<Slot>();
      slot = s;
    }
    std::call_once(slot->once, [&] { slot->value = std::make_shared<const T>(build()); });
    return std::any_cast<std::shared_ptr<const T>>(slot->value);
  }
  void clear() {
    std::lock_guard<std::mutex> lock(mutex_);
    slots_.clear();
  }

 private:
  struct Slot {
    std::once_flag once;
    std::any value;
  };
  std::mutex mutex_;
  std::map<std::pair<std::type_index, std::string>, std::shared_ptr<Slot>> slots_;
};

}  // namespace thmcheck
