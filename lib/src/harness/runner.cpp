#include "thmcheck/harness/runner.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <ctime>
#include <set>

#include "thmcheck/core/errors.hpp"
#include "thmcheck/harness/context.hpp"
#include "thmcheck/harness/journal.hpp"
#include "thmcheck/harness/registry.hpp"
#include "thmcheck/version.hpp"

namespace thmcheck {

nlohmann::json make_provenance(const RunOptions& o) {
  char host[256] = "unknown";
  gethostname(host, sizeof host - 1);
  std::time_t now = std::time(nullptr);
  char date[64];
  std::strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
  return {{"version", kVersion},
          {"commit", kGitCommit},
          {"compiler", kCompiler},
          {"flags", kCompileFlags},
          {"tier", to_string(o.tier)},
          {"seed", o.seed},
          {"jobs", o.jobs},
          {"shard", fmt::format("{}/{}", o.shard.index, o.shard.count)},
          {"controls", o.controls == ControlsMode::include ? "include"
                       : o.controls == ControlsMode::only  ? "only"
                                                           : "exclude"},
          {"search", o.search},
          {"date", date},
          {"host", host}};
}

namespace {

nlohmann::json source_json(const Source& s) {
  return {{"authors", s.authors}, {"title", s.title},   {"venue", s.venue},
          {"year", s.year},       {"number", s.number}, {"link", s.link}};
}

nlohmann::json parameters_json(const Parameters& p) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& q : p.all()) {
    j[q.name] = {{"value", q.value},
                 {"default", q.default_value},
                 {"doc", q.doc},
                 {"min", std::isfinite(q.min) ? nlohmann::json(q.min) : nlohmann::json(nullptr)},
                 {"max", std::isfinite(q.max) ? nlohmann::json(q.max) : nlohmann::json(nullptr)}};
    if (q.by_tier) j[q.name]["by_tier"] = {{"quick", q.by_tier->quick}, {"full", q.by_tier->full}};
  }
  return j;
}

}  // namespace

SuiteResult run_suite(const std::vector<std::string>& ids, const RunOptions& o) {
  auto& reg = Registry::global();
  if (o.jobs < 1 || o.jobs > kMaxJobs)
    throw InputError(fmt::format("--jobs {} is outside [1, {}]", o.jobs, kMaxJobs));
  // Validate everything first: unknown ids, unknown parameters and out-of-range values fail here.
  std::vector<Theorem> theorems;
  std::set<std::string> seen;
  for (const auto& id : ids) {
    if (!seen.insert(id).second) continue;
    theorems.push_back(reg.make(id));
    theorems.back().parameters.select_tier(o.tier);
  }
  for (const auto& ov : o.overrides) {
    if (!reg.contains(ov.theorem)) reg.make(ov.theorem);  // throws the unknown-theorem message
    Theorem probe = reg.make(ov.theorem);
    probe.parameters.select_tier(o.tier);
    if (!probe.parameters.has(ov.parameter))
      throw InputError(fmt::format("--set {}.{}: theorem '{}' has no parameter '{}'", ov.theorem,
                                   ov.parameter, ov.theorem, ov.parameter));
    probe.parameters.set(ov.parameter, ov.value);  // range check, with the parameter's name
    for (auto& t : theorems)
      if (t.id == ov.theorem) t.parameters.set(ov.parameter, ov.value);
  }
  for (const auto& c : o.only_claims) {
    bool found = false;
    for (const auto& t : theorems) found = found || t.find(c) != nullptr;
    if (!found) throw InputError("no selected theorem has a claim '" + c + "'");
  }

  SuiteResult suite;
  suite.provenance = make_provenance(o);
  Progress progress(o.progress);
  std::size_t global_index = 0;
  for (const auto& t : theorems) {
    TheoremResult tr;
    tr.id = t.id;
    tr.title = t.title;
    tr.source = source_json(t.source);
    tr.statement = t.statement;
    tr.reading = t.reading;
    tr.hypotheses = t.hypotheses.describe(o.tier);
    tr.parameters = parameters_json(t.parameters);
    tr.quick_budget_seconds = t.quick_budget_seconds;
    InstanceStore store;  // instances are shared by the claims of one theorem, then freed
    for (const auto& claim : t.claims) {
      if (o.controls == ControlsMode::only && !claim.info.control) continue;
      if (o.controls == ControlsMode::exclude && claim.info.control) continue;
      if (!o.only_claims.empty() &&
          std::find(o.only_claims.begin(), o.only_claims.end(), claim.id()) == o.only_claims.end())
        continue;
      // Shards take claims round-robin over the whole suite, so merging shards restores the run.
      if (global_index++ % std::size_t(o.shard.count) != std::size_t(o.shard.index)) continue;

      const std::string label = t.id + "/" + claim.id();
      // A claim the journal holds for the same key is taken from it (verify --resume); one that
      // was not decided before a stop is missing from the results.
      const JournalKey key = journal_key(t.id, claim.id(), t.parameters, o.tier, o.seed, o.search);
      if (o.journal)
        if (auto recorded = o.journal->find(key)) {
          progress.start_claim(label, 0);
          progress.finish_claim(to_string(recorded->verdict) + "  (from the journal)");
          tr.seconds += recorded->seconds;
          tr.claims.push_back(std::move(*recorded));
          continue;
        }
      if (o.stop && o.stop->load()) {
        suite.missing.push_back(label);
        continue;
      }

      ClaimContext ctx(t, claim, t.parameters, o.tier, o.seed, o.jobs, store, progress);
      ctx.search = o.search;
      ctx.stop = o.stop;
      progress.start_claim(label, 0);
      auto t0 = std::chrono::steady_clock::now();
      ClaimResult r;
      try {
        r = claim.check(ctx);
      } catch (const std::exception& e) {
        r = ClaimResult{};
        r.verdict = Verdict::error;
        r.details["error"] = e.what();
      }
      if (ctx.abandoned()) {
        // Stopped in the middle: whatever the claim returned rests on trials that never ran.
        progress.finish_claim("interrupted");
        suite.missing.push_back(label);
        continue;
      }
      r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      r.id = claim.id();
      r.kind = claim.kind;
      r.control = claim.info.control;
      r.alpha = claim.alpha;
      r.rests_on = claim.info.rests_on;
      r.seed = ctx.claim_seed();
      r.details["statement"] = claim.info.statement;
      if (claim.info.control || claim.info.expected_violated) {
        r.expected = Verdict::violated;
        r.expected_reason = claim.info.reason;
      }
      if (o.journal) o.journal->append(key, r);
      progress.finish_claim(to_string(r.verdict) + (r.as_expected() ? "" : "  (NOT AS EXPECTED)"));
      tr.seconds += r.seconds;
      tr.claims.push_back(std::move(r));
    }
    suite.theorems.push_back(std::move(tr));
  }
  return suite;
}

int exit_code(const SuiteResult& r) {
  bool failed = false, inconclusive = false;
  for (const auto& t : r.theorems)
    for (const auto& c : t.claims) {
      if (c.as_expected()) continue;
      if (c.verdict == Verdict::inconclusive)
        inconclusive = true;
      else
        failed = true;  // violated, a control that held, or an error
    }
  return failed ? 1 : inconclusive ? 2 : 0;
}

}  // namespace thmcheck
