#include "thmcheck/report/markdown.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <set>

#include "text.hpp"
#include "thmcheck/harness/sweep.hpp"

namespace thmcheck::report {

using nlohmann::json;
using text::cell;
using text::num;

std::string github_anchor(const std::string& heading) {
  std::string a;
  for (char c : heading) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '-' || c == '_')
      a += char(std::tolower(u));
    else if (c == ' ')
      a += '-';
  }
  return a;
}

namespace {

// The program that ran the claims (a theorem pack's, or thmcheck): the one that can replay them.
std::string program_name(const json& provenance) { return provenance.value("program", "thmcheck"); }

std::string claim_heading(const std::string& id) { return "Claim `" + id + "`"; }
std::string claim_link(const std::string& id) {
  return "[`" + id + "`](#" + github_anchor(claim_heading(id)) + ")";
}

// The verdict as a reader should take it: controls are caught or missed, findings are marked.
std::string verdict_text(const ClaimResult& c) {
  const std::string v = to_string(c.verdict);
  if (c.control) return c.verdict == Verdict::violated ? "caught (violated)" : "MISSED (" + v + ")";
  if (c.expected == Verdict::violated) return v + " (finding: expected violated)";
  if (!c.as_expected()) return "**" + v + "**";
  return v;
}

std::string icon(const ClaimResult& c) {
  if (c.control) return c.as_expected() ? "✅" : "❌";
  if (c.expected == Verdict::violated) return c.as_expected() ? "⚠️" : "❔";
  switch (c.verdict) {
    case Verdict::holds:
      return "✅";
    case Verdict::skipped:
      return "➖";
    case Verdict::inconclusive:
      return "❔";
    default:
      return "❌";
  }
}

// A provenance or parameter value as text.
std::string value_text(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_float()) return num(v.get<double>());
  if (v.is_null()) return "";
  return v.dump();
}

// A sweep's provenance in a table cell: its seeds and which exit code each gave (the raw lists of a
// long sweep would fill the page; results.json keeps them).
std::string sweep_provenance_text(const json& sweep) {
  std::vector<std::uint64_t> seeds;
  std::map<int, std::vector<std::uint64_t>> by_code;
  const json codes = sweep.value("exit_codes", json::object());
  for (const auto& seed : sweep.value("seeds", json::array())) {
    if (!seed.is_number_integer()) return sweep.dump();  // not written by thmcheck: shown as it is
    seeds.push_back(seed.get<std::uint64_t>());
    const json code = codes.value(std::to_string(seeds.back()), json());
    if (code.is_number_integer()) by_code[code.get<int>()].push_back(seeds.back());
  }
  std::string s = fmt::format("{} ({} seeds)", seeds_text(seeds), seeds.size());
  for (const auto& [code, which] : by_code)
    s += fmt::format("; exit {}: {}", code, seeds_text(which));
  return s;
}

std::string provenance_table(const json& p) {
  std::string s = "| field | value |\n|---|---|\n";
  for (const char* k : {"version", "commit", "compiler", "flags", "tier", "seed", "jobs", "shard",
                        "controls", "date", "host"})
    if (p.contains(k)) s += fmt::format("| {} | `{}` |\n", k, cell(value_text(p[k])));
  for (const auto& [k, v] : p.items()) {
    static const std::set<std::string> known = {"version",  "commit", "compiler", "flags",
                                                "tier",     "seed",   "jobs",     "shard",
                                                "controls", "date",   "host"};
    if (known.count(k)) continue;
    const std::string text =
        k == "sweep" && v.is_object() ? sweep_provenance_text(v) : value_text(v);
    s += fmt::format("| {} | `{}` |\n", cell(k), cell(text));
  }
  return s;
}

std::string source_text(const json& s) {
  auto str = [&](const char* k) { return s.value(k, std::string()); };
  std::string out = str("authors");
  if (!str("title").empty()) out += (out.empty() ? "" : ", ") + ("*" + str("title") + "*");
  if (!str("venue").empty()) out += (out.empty() ? "" : ", ") + str("venue");
  if (s.value("year", 0) > 0) out += fmt::format(" ({})", s.value("year", 0));
  if (!str("number").empty()) out += ", **" + str("number") + "**";
  // The link field holds one or more of: a URL, a DOI (10.x/y), an arXiv id with or without its
  // "arXiv:" prefix; several are separated by ';'. The prefix is no part of an arXiv address.
  std::string links = str("link");
  for (std::size_t start = 0; start < links.size();) {
    std::size_t end = links.find(';', start);
    if (end == std::string::npos) end = links.size();
    std::string link = links.substr(start, end - start);
    start = end + 1;
    link.erase(0, link.find_first_not_of(' '));
    link.erase(link.find_last_not_of(' ') + 1);
    if (link.empty()) continue;
    std::string url = link;
    if (link.rfind("http", 0) != 0) {
      const std::string id = link.rfind("arXiv:", 0) == 0 ? link.substr(6) : link;
      url = link.rfind("10.", 0) == 0 ? "https://doi.org/" + link : "https://arxiv.org/abs/" + id;
    }
    out += fmt::format(", [{}]({})", link, url);
  }
  return out.empty() ? "not given" : out;
}

// What the worst-case search of an inequality claim did: "400 evaluations over kappa, n_over_d, x_0
// - x*, best at d=3 kappa=160 ...".
std::string search_text(const json& search) {
  std::string over;
  for (const auto& name : search.value("over", json::array()))
    over += (over.empty() ? "" : ", ") + name.get<std::string>();
  return fmt::format("{} evaluations from {} sampled starts over {}; best at {}, {}",
                     search.value("evaluations", 0), search.value("starts", 0),
                     over.empty() ? "nothing" : over, search.value("at", std::string("?")),
                     search.value("where", std::string("?")));
}

// The inequality claims' sharpness side by side: over the sampled trials, and after the worst-case
// search (its value is the claim's estimate). A searched value far above the sampled one is a bound
// that random instances would have called loose.
std::string sharpness_table(const TheoremResult& t) {
  std::string rows;
  for (const auto& c : t.claims) {
    if (!c.details.contains("sampled_sharpness")) continue;
    const json& d = c.details;
    const bool searched = d.contains("searched_sharpness");
    const std::string skipped =
        d.contains("search") ? d["search"].value("skipped", std::string()) : std::string();
    rows += fmt::format(
        "| {} | {} | {} | {} |\n", claim_link(c.id), num(d["sampled_sharpness"].get<double>()),
        searched ? num(d["searched_sharpness"].get<double>()) : "-",
        searched ? fmt::format("{} evaluations", d["search"].value("evaluations", 0))
                 : cell(skipped));
  }
  if (rows.empty()) return "";
  return "### Sharpness of the inequalities: sampled and searched\n\n"
         "Largest lhs / rhs over the sampled trials, and after the worst-case search from the best "
         "of them "
         "(docs/verdicts.md). The searched value is the claim's estimate; for a control it stops "
         "at the first "
         "violation.\n\n| claim | sampled | searched | search |\n|---|---|---|---|\n" +
         rows + "\n";
}

// The smallest margin (bound over estimate) among the claims that hold, with its claim.
std::string tightest_margin(const TheoremResult& t) {
  const ClaimResult* best = nullptr;
  for (const auto& c : t.claims)
    if (!c.control && c.verdict == Verdict::holds && std::isfinite(c.margin) &&
        (!best || c.margin < best->margin))
      best = &c;
  return best ? fmt::format("{} (`{}`)", num(best->margin), best->id) : "n/a";
}

std::string verdicts_by_kind(const TheoremResult& t) {
  std::map<std::string, std::map<std::string, int>> counts;
  for (const auto& c : t.claims) {
    if (c.control) continue;
    std::string v = to_string(c.verdict);
    if (c.expected == Verdict::violated) v += " (finding)";
    ++counts[to_string(c.kind)][v];
  }
  std::string s;
  for (const auto& [kind, vs] : counts) {
    std::string part;
    for (const auto& [v, n] : vs) part += (part.empty() ? "" : ", ") + fmt::format("{} {}", n, v);
    s += (s.empty() ? "" : "; ") + kind + ": " + part;
  }
  return s.empty() ? "no claims" : s;
}

double theorem_seconds(const TheoremResult& t) {
  double s = 0;
  for (const auto& c : t.claims) s += c.seconds;
  return s;
}

// Scalar evidence and small tables from a claim's details; large arrays stay in results.json.
std::string details_markdown(const json& d) {
  static const std::set<std::string> skip = {"statement",     "rule",   "figures",
                                             "curves",        "replay", "counterexample",
                                             "first_failure", "error",  "mean_log_y"};
  std::string list, tables;
  for (const auto& [k, v] : d.items()) {
    if (skip.count(k)) continue;
    if (v.is_array() && !v.empty() && v.front().is_object()) {
      // An array of records (threshold points, expectation means): a table, capped.
      std::vector<std::string> cols;
      for (const auto& [ck, cv] : v.front().items()) cols.push_back(ck);
      tables += fmt::format("\n`{}` ({} rows{}):\n\n|", k, v.size(),
                            v.size() > 40 ? ", first 40 shown" : "");
      for (const auto& c : cols) tables += " " + c + " |";
      tables += "\n|";
      for (std::size_t i = 0; i < cols.size(); ++i) tables += "---|";
      tables += "\n";
      for (std::size_t r = 0; r < v.size() && r < 40; ++r) {
        tables += "|";
        for (const auto& c : cols)
          tables += " " + cell(v[r].contains(c) ? value_text(v[r][c]) : "") + " |";
        tables += "\n";
      }
      continue;
    }
    std::string text;
    if (v.is_array() && v.size() > 12)
      text = fmt::format("{} values (in results.json)", v.size());
    else if (v.is_object() && v.dump().size() > 300)
      text = "an object (in results.json)";
    else
      text = "`" + value_text(v) + "`";
    list += fmt::format("  - `{}`: {}\n", k, text);
  }
  std::string s;
  if (!list.empty()) s += "- Evidence:\n" + list;
  return s + tables;
}

void outline_node(const TheoremResult& t, const std::string& id, int depth,
                  std::vector<std::string>& path, std::string& out) {
  const std::string indent(2 * std::size_t(depth), ' ');
  const ClaimResult* c = nullptr;
  for (const auto& x : t.claims)
    if (x.id == id) c = &x;
  if (!c) {
    out += fmt::format("{}- ➖ `{}`: not in this run\n", indent, id);
    return;
  }
  if (std::find(path.begin(), path.end(), id) != path.end() || depth > 12) {
    out += fmt::format("{}- `{}`: (cycle in rests_on)\n", indent, id);
    return;
  }
  // A dependency that broke: its own verdict is not as expected, or it rests on one that is not.
  std::function<bool(const ClaimResult&, int)> broken = [&](const ClaimResult& x, int d) {
    if (!x.as_expected()) return true;
    if (d > 12) return false;
    for (const auto& r : x.rests_on)
      for (const auto& y : t.claims)
        if (y.id == r && broken(y, d + 1)) return true;
    return false;
  };
  std::string note;
  if (!c->as_expected())
    note = " — **breaks here**";
  else
    for (const auto& r : c->rests_on)
      for (const auto& y : t.claims)
        if (y.id == r && broken(y, 0) && note.empty()) note = " — rests on a broken claim";
  out += fmt::format("{}- {} {} ({}): {}{}\n", indent, icon(*c), claim_link(id), to_string(c->kind),
                     verdict_text(*c), note);
  path.push_back(id);
  for (const auto& r : c->rests_on) outline_node(t, r, depth + 1, path, out);
  path.pop_back();
}

std::string proof_outline(const TheoremResult& t) {
  std::string s;
  std::vector<std::string> path;
  bool any_rests = false;
  for (const auto& c : t.claims) {
    if (c.control) continue;
    bool used = false;
    for (const auto& o : t.claims)
      for (const auto& r : o.rests_on) used = used || r == c.id;
    any_rests = any_rests || !c.rests_on.empty();
    if (!used) outline_node(t, c.id, 0, path, s);
  }
  if (s.empty()) s = "No claims other than controls were run.\n";
  std::string controls;
  for (const auto& c : t.claims)
    if (c.control)
      controls +=
          fmt::format("- {} {} ({}): {}{}\n", icon(c), claim_link(c.id), to_string(c.kind),
                      verdict_text(c), c.expected_reason.empty() ? "" : " — " + c.expected_reason);
  std::string head =
      "Each claim is listed above the claims its proof rests on; ✅ holds (or caught, for a "
      "control), "
      "⚠️ a recorded finding, ❔ inconclusive, ➖ skipped, ❌ not as expected.\n\n";
  if (!any_rests) head += "No claim of this theorem names the claims it rests on.\n\n";
  return head + s +
         (controls.empty()
              ? ""
              : "\nControls (deliberately false; each must be caught):\n\n" + controls);
}

// "k/K seeds", bold when the claim was off with some seed.
std::string stability_cell(const ClaimResult& c) {
  if (!c.stability) return "n/a";
  const auto& st = *c.stability;
  const std::string t = fmt::format("{}/{} seeds", st.as_expected, st.seeds);
  return st.stable() ? t : "**" + t + "**";
}

std::string plots_of_claim(const TheoremPlots& plots, const std::string& claim) {
  std::string s;
  for (const auto& p : plots.plots)
    if (p.claim == claim)
      s += (s.empty() ? "" : ", ") +
           fmt::format("[{}](#{})", p.stem, github_anchor("Figure " + p.stem));
  return s;
}

}  // namespace

std::string proof_outline_markdown(const TheoremResult& t) { return proof_outline(t); }

std::string readme_markdown(const SuiteResult& r, const FigureStatus& status) {
  std::size_t claims = 0, controls = 0;
  std::vector<std::string> bad, findings;
  for (const auto& t : r.theorems)
    for (const auto& c : t.claims) {
      ++claims;
      controls += c.control;
      const std::string where =
          fmt::format("[{} / {}]({}.md#{})", t.id, c.id, t.id, github_anchor(claim_heading(c.id)));
      if (!c.as_expected())
        bad.push_back(fmt::format("- ❌ {}: {} (expected {})", where, to_string(c.verdict),
                                  to_string(c.expected)));
      else if (!c.control && c.expected == Verdict::violated)
        findings.push_back(
            fmt::format("- ⚠️ {}: {}", where,
                        c.expected_reason.empty() ? "no reason given" : c.expected_reason));
    }
  const json& p = r.provenance;
  std::string s = "# thmcheck report\n\n";
  if (r.partial())
    s += fmt::format(
        "> **Partial results: {} claim{} missing** (listed under \"Missing claims\"). The run was "
        "interrupted before deciding {}; the same `thmcheck verify` command with `--resume` runs "
        "only what is missing (the journal beside the results keeps the decided claims).\n\n",
        r.missing.size(), r.missing.size() == 1 ? "" : "s", r.missing.size() == 1 ? "it" : "them");
  s += bad.empty() && r.partial()
           ? fmt::format("**All {} decided claims as expected.**\n\n", claims)
       : bad.empty() ? fmt::format(
                           "**All {} claims as expected**: every claim holds (or is a recorded "
                           "finding) and every "
                           "control was caught.\n\n",
                           claims)
                     : fmt::format("**{} of {} claims not as expected** (listed below).\n\n",
                                   bad.size(), claims);
  s += fmt::format(
      "Tier `{}`, seed `{}`: {} theorems, {} claims of which {} are controls. Suite false-alarm "
      "level "
      "(the sum of the statistical checks' alphas): **{}**: the probability that any true claim is "
      "called violated by chance is at most this.\n\n",
      value_text(p.value("tier", json("?"))), value_text(p.value("seed", json("?"))),
      r.theorems.size(), claims, controls, num(r.total_alpha()));
  // Only a sweep adds to the page: a single run's report is the same as before sweeps existed.
  const bool sweep = is_sweep(r);
  if (sweep)
    s += sweep_summary(r) +
         fmt::format(
             "\n\nEach claim's verdict, estimate and figures are those of the first seed, "
             "`{}`; the column *as expected* counts the seeds each claim was as expected "
             "with (docs/verdicts.md, \"Seed sweeps\").\n\n",
             value_text(p.value("seed", json("?"))));
  s += (status.drawn_any ? status.note : "> **Figures were not drawn.** " + status.note) + "\n\n";
  s += sweep ? "| theorem | title | verdicts by kind | as expected | controls caught | tightest "
               "margin | time |\n"
               "|---|---|---|---|---|---|---|\n"
             : "| theorem | title | verdicts by kind | controls caught | tightest margin | time |\n"
               "|---|---|---|---|---|---|\n";
  const std::size_t sweep_seeds_run = sweep ? sweep_seeds(r).size() : 0;
  for (const auto& t : r.theorems) {
    std::size_t n = 0, caught = 0, stable = 0;
    for (const auto& c : t.claims) {
      if (c.control) ++n, caught += c.verdict == Verdict::violated;
      stable += c.stability && c.stability->stable();
    }
    const std::string as_expected = sweep
                                        ? fmt::format(" claims stable in all {} seeds: {} of {} |",
                                                      sweep_seeds_run, stable, t.claims.size())
                                        : "";
    s += fmt::format("| [{}]({}.md) | {} | {} |{} {} | {} | {:.2f} s |\n", t.id, t.id,
                     cell(t.title), cell(verdicts_by_kind(t)), as_expected,
                     n == 0 ? "no controls" : fmt::format("{} of {}", caught, n),
                     cell(tightest_margin(t)), theorem_seconds(t));
  }
  s += "\nThe margin is bound over estimate: above 1 is room to spare, near 1 a tight claim (for "
       "thresholds, the "
       "sharpness of the prediction). Verdicts by kind count the claims that are not controls.\n";
  if (!bad.empty()) {
    s += "\n## Not as expected\n\n";
    for (const auto& b : bad) s += b + "\n";
  }
  if (r.partial()) {
    s += "\n## Missing claims\n\nNot decided before the run was interrupted:\n\n";
    for (const auto& m : r.missing) s += "- " + m + "\n";
  }
  if (!findings.empty()) {
    s += "\n## Findings\n\nClaims kept as stated that the measurements contradict:\n\n";
    for (const auto& f : findings) s += f + "\n";
  }
  s += "\n## Provenance\n\n" + provenance_table(p);
  return s;
}

std::string theorem_markdown(const TheoremResult& t, const TheoremPlots& plots,
                             const json& provenance, const FigureStatus& status) {
  std::size_t ok = 0;
  for (const auto& c : t.claims) ok += c.as_expected();
  std::string s = fmt::format("# {}\n\n`{}` · [all theorems](README.md)\n\n",
                              t.title.empty() ? t.id : t.title, t.id);
  s += "**Source.** " + source_text(t.source) + "\n\n";
  s += fmt::format("**Outcome.** {} of {} claims as expected; {:.2f} s.\n\n", ok, t.claims.size(),
                   theorem_seconds(t));

  if (!t.reading.empty()) s += "**Reading the verdicts.** " + t.reading + "\n\n";
  s += "## Statement\n\n" + (t.statement.empty() ? "not given" : t.statement) + "\n\n";
  s += fmt::format("## Hypotheses sampled ({} tier)\n\n",
                   value_text(provenance.value("tier", json("?"))));
  s += (t.hypotheses.empty() ? "none declared\n" : t.hypotheses) + "\n";

  s += "## Parameters\n\n";
  if (t.parameters.empty()) {
    s += "none\n\n";
  } else {
    s += "| parameter | value used | default | allowed | meaning |\n|---|---|---|---|---|\n";
    for (const auto& [name, q] : t.parameters.items()) {
      const json v = q.value("value", json()), d = q.value("default", json());
      const bool changed = v != d;
      std::string lo = q.contains("min") && !q["min"].is_null() ? value_text(q["min"]) : "-inf";
      std::string hi = q.contains("max") && !q["max"].is_null() ? value_text(q["max"]) : "inf";
      s += fmt::format("| `{}` | {}{}{} | {} | [{}, {}] | {} |\n", cell(name), changed ? "**" : "",
                       value_text(v), changed ? "** (set)" : "", value_text(d), lo, hi,
                       cell(q.value("doc", std::string())));
    }
    s += "\n";
  }

  const bool sweep = provenance.is_object() && provenance.contains("sweep");
  s += "## Claims\n\n";
  s += sweep ? "| claim | kind | verdict | as expected | estimate | interval | bound | margin | "
               "samples | seed | "
               "seconds | alpha |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n"
             : "| claim | kind | verdict | estimate | interval | bound | margin | samples | seed | "
               "seconds | alpha |\n"
               "|---|---|---|---|---|---|---|---|---|---|---|\n";
  for (const auto& c : t.claims)
    s +=
        fmt::format("| {} {} | {} | {} |{} {} | {} | {} | {} | {} | {} | {:.3f} | {} |\n", icon(c),
                    claim_link(c.id), to_string(c.kind), cell(verdict_text(c)),
                    sweep ? " " + stability_cell(c) + " |" : "", num(c.estimate),
                    text::interval(c.interval[0], c.interval[1]), num(c.bound), num(c.margin),
                    c.samples, c.seed, c.seconds, c.alpha > 0 ? num(c.alpha) : "0 (deterministic)");
  if (t.claims.empty()) s += "\nNo claims of this theorem were run.\n";
  s += "\n" + sharpness_table(t);
  for (const auto& c : t.claims) {
    s += "### " + claim_heading(c.id) + "\n\n";
    const std::string st = c.details.value("statement", std::string());
    if (!st.empty()) s += st + "\n\n";
    s += fmt::format("- Kind `{}`; verdict **{}**; expected {}.\n", to_string(c.kind),
                     verdict_text(c), to_string(c.expected));
    if (c.control)
      s += "- Control (deliberately false): " + c.expected_reason + "\n";
    else if (c.expected == Verdict::violated)
      s += "- Finding: " + c.expected_reason + "\n";
    s += fmt::format(
        "- Estimate {} in {}, bound {}, margin {}; {} samples, seed `{}`, {:.3f} s, alpha {}.\n",
        num(c.estimate), text::interval(c.interval[0], c.interval[1]), num(c.bound), num(c.margin),
        c.samples, c.seed, c.seconds, num(c.alpha));
    if (c.stability) {
      const auto& st = *c.stability;
      const std::string off =
          st.off_seeds.empty()
              ? ""
              : fmt::format("; not as expected with seed{} {}", st.off_seeds.size() == 1 ? "" : "s",
                            seeds_text(st.off_seeds));
      s += fmt::format("- Seed sweep: as expected in {} of {} seeds ({}){}.\n", st.as_expected,
                       st.seeds, verdict_counts_text(st), off);
    }
    if (!c.rests_on.empty()) {
      std::string r;
      for (const auto& x : c.rests_on) r += (r.empty() ? "" : ", ") + claim_link(x);
      s += "- Rests on: " + r + "\n";
    }
    if (c.details.contains("searched_sharpness"))
      s += fmt::format(
          "- Sharpness: {} over the sampled trials, {} after the worst-case search ({}).\n",
          num(c.details["sampled_sharpness"].get<double>()),
          num(c.details["searched_sharpness"].get<double>()), search_text(c.details["search"]));
    if (c.details.contains("rule")) s += "- Decision rule: " + value_text(c.details["rule"]) + "\n";
    if (c.details.contains("error")) s += "- **Error**: `" + value_text(c.details["error"]) + "`\n";
    if (c.details.contains("replay"))
      s += "- Counterexample: see [Counterexamples](#counterexamples)\n";
    const std::string figs = plots_of_claim(plots, c.id);
    if (!figs.empty()) s += "- Figures: " + figs + "\n";
    s += details_markdown(c.details) + "\n";
  }

  s += "## Proof outline\n\n" + proof_outline(t) + "\n";

  s += "## Counterexamples\n\n";
  bool any = false;
  for (const auto& c : t.claims) {
    if (!c.details.contains("replay")) continue;
    any = true;
    s += fmt::format("- {} ({}): ", claim_link(c.id), verdict_text(c));
    const json ev = c.details.contains("counterexample")  ? c.details["counterexample"]
                    : c.details.contains("first_failure") ? c.details["first_failure"]
                                                          : json();
    s += ev.is_null() ? "\n" : "\n\n  ```json\n  " + ev.dump() + "\n  ```\n";
    s += "\n  Replay it with:\n\n  ```\n  " + program_name(provenance) + " replay " +
         value_text(c.details["replay"]) + "\n  ```\n\n";
  }
  if (!any) s += "None: no claim produced a counterexample.\n\n";

  s += "## Figures\n\n";
  if (!status.drawn_any) s += "> **Figures were not drawn.** " + status.note + "\n\n";
  for (const auto& problem : plots.problems) s += "- Figure skipped: " + problem + "\n";
  if (plots.plots.empty()) s += "This theorem's claims record no figures.\n\n";
  for (const auto& p : plots.plots) {
    s += "### Figure " + p.stem + "\n\n";
    if (p.drawn)
      s += fmt::format("![{}](figures/{}.svg)\n\n", p.title, p.stem);
    else if (status.drawn_any)
      s += "Not drawn: " + p.problem + "\n\n";
    std::string data;
    for (std::size_t i = 0; i < p.csv.size(); ++i)
      data += (data.empty() ? "" : ", ") + fmt::format("[{}.csv](data/{}.csv)", p.csv[i], p.csv[i]);
    s += fmt::format("From claim {}. Data: {}; gnuplot script: [{}.gp](figures/{}.gp).\n\n",
                     claim_link(p.claim), data, p.stem, p.stem);
  }

  s += "## Provenance\n\n" + provenance_table(provenance);
  return s;
}

}  // namespace thmcheck::report
