#include "thmcheck/harness/replay.hpp"

#include "thmcheck/core/errors.hpp"
#include "thmcheck/harness/result.hpp"

namespace thmcheck {

namespace {

const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr const char* kPrefix = "thm1.";

// base64url without padding: tokens survive shells, URLs and markdown unquoted.
std::string b64(const std::string& in) {
  std::string out;
  unsigned val = 0;
  int bits = -6;
  for (unsigned char c : in) {
    val = (val << 8) + c;
    bits += 8;
    while (bits >= 0) {
      out.push_back(kAlphabet[(val >> bits) & 0x3F]);
      bits -= 6;
    }
  }
  if (bits > -6) out.push_back(kAlphabet[((val << 8) >> (bits + 8)) & 0x3F]);
  return out;
}

std::string unb64(const std::string& in) {
  int table[256];
  for (int& t : table) t = -1;
  for (int i = 0; i < 64; ++i) table[static_cast<unsigned char>(kAlphabet[i])] = i;
  std::string out;
  unsigned val = 0;
  int bits = -8;
  for (unsigned char c : in) {
    if (table[c] < 0)
      throw InputError("malformed replay token: bad character '" + std::string(1, char(c)) + "'");
    val = (val << 6) + static_cast<unsigned>(table[c]);
    bits += 6;
    if (bits >= 0) {
      out.push_back(char((val >> bits) & 0xFF));
      bits -= 8;
    }
  }
  return out;
}

}  // namespace

std::string encode_replay(const ReplayTarget& t) {
  nlohmann::json values = nlohmann::json::array();
  for (const auto& [n, v] : t.values) values.push_back({n, v});
  nlohmann::json j{
      {"t", t.theorem},     {"c", t.claim},       {"s", t.suite_seed},  {"tier", to_string(t.tier)},
      {"v", values},        {"ps", t.point_seed}, {"ts", t.trial_seed}, {"i", t.instance},
      {"k", t.trial_index}, {"r", t.trial_run},   {"p", t.parameters}};
  if (!t.inputs.empty()) j["a"] = t.inputs;
  return kPrefix + b64(j.dump());
}

ReplayTarget decode_replay(const std::string& token) {
  if (token.rfind(kPrefix, 0) != 0)
    throw InputError("malformed replay token: it must start with 'thm1.'");
  try {
    auto j = nlohmann::json::parse(unb64(token.substr(5)));
    ReplayTarget t;
    t.theorem = j.at("t").get<std::string>();
    t.claim = j.at("c").get<std::string>();
    t.suite_seed = json_uint64(j.at("s"), "malformed replay token: its suite seed");
    t.tier = parse_tier(j.at("tier").get<std::string>());
    for (const auto& v : j.at("v"))
      t.values.emplace_back(v.at(0).get<std::string>(), v.at(1).get<double>());
    t.point_seed = json_uint64(j.at("ps"), "malformed replay token: its point seed");
    t.trial_seed = json_uint64(j.at("ts"), "malformed replay token: its trial seed");
    auto optional = [&](const char* key, const char* what) {
      return j.contains(key)
                 ? json_uint64(j.at(key), std::string("malformed replay token: ") + what)
                 : std::uint64_t{0};
    };
    t.instance = optional("i", "its instance");
    t.trial_index = optional("k", "its trial index");
    t.trial_run = optional("r", "its trial run");
    t.parameters = j.value("p", nlohmann::json::object());
    if (!t.parameters.is_object())
      throw InputError("malformed replay token: its parameters are not an object");
    for (const auto& [name, value] : t.parameters.items())
      if (!value.is_number())
        throw InputError("malformed replay token: parameter '" + name + "' is not a number");
    if (j.contains("a")) t.inputs = j.at("a").get<std::vector<std::vector<double>>>();
    return t;
  } catch (const nlohmann::json::exception& e) {
    throw InputError(std::string("malformed replay token: ") + e.what());
  }
}

}  // namespace thmcheck
