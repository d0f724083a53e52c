#include "thmcheck/report/gnuplot.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "text.hpp"

extern char** environ;

namespace thmcheck::report {

namespace fs = std::filesystem;

namespace {

// Colours that stay apart for colour-blind readers and in grey print (Tableau 10, reordered).
const char* const kColours[] = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd",
                                "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"};
const char* const kMarkColours[] = {"#404040", "#9467bd", "#8c564b", "#e377c2", "#17becf"};
constexpr std::size_t kNumColours = sizeof kColours / sizeof *kColours;
constexpr std::size_t kNumMarkColours = sizeof kMarkColours / sizeof *kMarkColours;

// gnuplot single-quoted string: only '' is special; noenhanced keeps _ and ^ literal.
std::string quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) {
    if (c == '\'')
      q += "''";
    else if (c == '\n')
      q += ' ';
    else
      q += c;
  }
  return q + "'";
}

std::string gp_num(double x) { return std::isfinite(x) ? fmt::format("{}", x) : "NaN"; }

bool shown(double v, bool log) { return std::isfinite(v) && (!log || v > 0); }

double at(const std::vector<double>& v, std::size_t i) {
  return i < v.size() ? v[i] : std::nan("");
}

// How many decades the shown values of an axis span (0 when nothing is shown).
double decades(const Figure& f, bool x_axis) {
  double lo = INFINITY, hi = 0;
  for (const auto& se : f.series)
    for (const auto* v : {x_axis ? &se.x : &se.y, x_axis ? &se.x : &se.y2})
      for (double a : *v)
        if (std::isfinite(a) && a > 0) lo = std::min(lo, a), hi = std::max(hi, a);
  return hi > 0 ? std::log10(hi / lo) : 0;
}

// The rows of a series that the axes can show.
std::string series_block(const Series& s, bool logx, bool logy, std::size_t& rows) {
  std::string out;
  const bool band = s.style == Style::band;
  const std::size_t n = std::max(s.x.size(), s.y.size());
  rows = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double x = at(s.x, i), y = at(s.y, i), y2 = at(s.y2, i);
    if (!shown(x, logx) || !shown(y, logy) || (band && !shown(y2, logy))) {
      out += "\n";  // a gap: lines do not bridge what cannot be shown
      continue;
    }
    ++rows;
    out += band ? fmt::format("{} {} {}\n", gp_num(x), gp_num(y), gp_num(y2))
                : fmt::format("{} {}\n", gp_num(x), gp_num(y));
  }
  return out;
}

// z on a nonuniform grid, in gnuplot's "nonuniform matrix" layout.
std::string contour_block(const Contours& c) {
  std::string out = fmt::format("{}", c.x.size());
  // Appended piecewise: `out += " " + s` trips a false -Wrestrict in GCC 12.
  for (double x : c.x) out.append(" ").append(gp_num(x));
  out += "\n";
  for (std::size_t i = 0; i < c.y.size() && i < c.z.size(); ++i) {
    out += gp_num(c.y[i]);
    for (std::size_t j = 0; j < c.x.size(); ++j) out.append(" ").append(gp_num(at(c.z[i], j)));
    out += "\n";
  }
  return out;
}

std::string panel_script(const Figure& f, std::size_t p) {
  std::string s = "reset\n";
  s += "set encoding utf8\n";
  s += "set grid lc rgb '#dddddd' lw 1\nset border lw 1.2\n";
  s += "set key below center horizontal maxrows 4 box lc rgb '#bbbbbb' spacing 1.1 samplen 2.5\n";
  s += "set style fill transparent solid 0.22 noborder\n";
  // A little room inside the border, so that a mark on the edge of the data (y = 1) stays visible.
  s += "set offsets 0, 0, graph 0.04, graph 0.04\n";
  // Texts are taken literally (noenhanced); only tic labels of log axes over many decades use the
  // enhanced mode, to write powers of ten as 10^k.
  s += "set title " + quote(f.title) + " noenhanced\n";
  s += "set xlabel " + quote(f.xlabel) + " noenhanced\nset ylabel " + quote(f.ylabel) +
       " noenhanced\n";
  if (f.logx) s += decades(f, true) > 3 ? "set format x '10^{%T}'\n" : "set format x '%g'\n";
  if (f.logy) s += decades(f, false) > 3 ? "set format y '10^{%T}'\n" : "set format y '%g'\n";

  std::vector<std::string> items;
  // Contours first, underneath: computed by gnuplot into a table, then drawn as coloured lines.
  for (std::size_t c = 0; c < f.contours.size(); ++c) {
    const auto& ct = f.contours[c];
    if (ct.x.size() < 2 || ct.y.size() < 2) continue;
    std::string grid = fmt::format("$G{}_{}", p, c), table = fmt::format("$C{}_{}", p, c);
    s += grid + " << EOD\n" + contour_block(ct) + "EOD\n";
    s += "set contour base\nunset surface\nset view map\nset cntrparam levels auto 12\n";
    s += "set table " + table + "\nsplot " + grid + " nonuniform matrix with lines\nunset table\n";
    s += "unset contour\nset surface\n";
    // Greys, so that the coloured trajectories drawn over the contours stand out.
    s += "set palette defined (0 '#e0e0e0', 1 '#a0a0a0', 2 '#404040')\n";
    s += "set cblabel " + quote(ct.label) + " noenhanced\nset colorbox\n";
    items.push_back(table + " using 1:2:3 with lines lw 1 lc palette title " +
                    quote(ct.label.empty() ? "contours" : ct.label + " (contours)") +
                    " noenhanced");
  }
  if (f.logx) s += "set logscale x\n";
  if (f.logy) s += "set logscale y\n";

  std::size_t colour = 0;
  bool band_pending = false;
  for (std::size_t i = 0; i < f.series.size(); ++i) {
    const auto& se = f.series[i];
    std::size_t rows = 0;
    std::string block = series_block(se, f.logx, f.logy, rows);
    if (rows == 0) continue;
    std::string name = fmt::format("$S{}_{}", p, i);
    s += name + " << EOD\n" + block + "EOD\n";
    const std::string lc = fmt::format("lc rgb '{}'", kColours[colour % kNumColours]);
    const std::string title = "title " + quote(se.label) + " noenhanced";
    if (se.style == Style::band) {
      if (band_pending) ++colour;  // two bands in a row: the first had no line of its own
      items.push_back(fmt::format("{} using 1:2:3 with filledcurves fc rgb '{}' {}", name,
                                  kColours[colour % kNumColours], title));
      band_pending = true;
      continue;
    }
    band_pending = false;
    if (se.style == Style::points)
      items.push_back(fmt::format("{} using 1:2 with points pt 7 ps 0.55 {} {}", name, lc, title));
    else if (se.style == Style::linespoints)
      items.push_back(
          fmt::format("{} using 1:2 with linespoints pt 7 ps 0.6 lw 1.8 {} {}", name, lc, title));
    else if (se.style == Style::dashed)
      items.push_back(
          fmt::format("{} using 1:2 with lines dt (8,5) lw 2.2 {} {}", name, lc, title));
    else
      items.push_back(fmt::format("{} using 1:2 with lines lw 2 {} {}", name, lc, title));
    ++colour;
  }
  // Marks: a line across the plot, named in the legend with its value.
  for (std::size_t m = 0; m < f.marks.size(); ++m) {
    const auto& mk = f.marks[m];
    const bool on_y = mk.axis == Axis::y;
    if (!shown(mk.value, on_y ? f.logy : f.logx)) continue;
    const std::string style =
        fmt::format("nohead lw 1.6 dt (3,3) lc rgb '{}'", kMarkColours[m % kNumMarkColours]);
    if (on_y)
      s += fmt::format("set arrow {} from graph 0, first {} to graph 1, first {} {} front\n", m + 1,
                       gp_num(mk.value), gp_num(mk.value), style);
    else
      s += fmt::format("set arrow {} from first {}, graph 0 to first {}, graph 1 {} front\n", m + 1,
                       gp_num(mk.value), gp_num(mk.value), style);
    items.push_back(
        fmt::format("keyentry with lines lw 1.6 dt (3,3) lc rgb '{}' title {}",
                    kMarkColours[m % kNumMarkColours],
                    quote(fmt::format("{} = {}", mk.label.empty() ? (on_y ? "y" : "x") : mk.label,
                                      text::num(mk.value)))) +
        " noenhanced");
  }
  if (items.empty())
    return s +
           "set label 1 'no data' at graph 0.5, graph 0.5 center\nplot [0:1] [0:1] NaN notitle\n";
  s += "plot ";
  for (std::size_t i = 0; i < items.size(); ++i) s += (i ? ", \\\n     " : "") + items[i];
  return s + "\n";
}

}  // namespace

std::string gnuplot_script(const std::vector<Figure>& panels, const std::string& title,
                           const std::string& svg_path) {
  const std::size_t n = std::max<std::size_t>(1, panels.size());
  const std::size_t rows = (n + 4) / 5, cols = (n + rows - 1) / rows;
  bool contours = false;
  for (const auto& f : panels) contours = contours || !f.contours.empty();
  const int w = n == 1 ? 820 : int(cols) * (contours ? 430 : 560);
  const int h = n == 1 ? 560 : int(rows) * (contours ? 470 : 460) + 40;
  std::string s =
      "# Drawn by thmcheck; the data are inline, the same numbers as the CSV files in ../data/.\n";
  s += fmt::format(
      "set terminal svg size {},{} dynamic enhanced font 'Helvetica,{}' background rgb 'white'\n",
      w, h, n == 1 ? 14 : 13);
  s += "set output " + quote(svg_path) + "\n";
  if (panels.size() > 1)
    s += fmt::format("set multiplot layout {},{} title {} noenhanced font ',16'\n", rows, cols,
                     quote(title));
  for (std::size_t p = 0; p < panels.size(); ++p) s += panel_script(panels[p], p);
  if (panels.size() > 1) s += "unset multiplot\n";
  s += "unset output\n";
  return s;
}

Gnuplot::Gnuplot(std::string program) : program_(std::move(program)) {
  if (program_.empty()) {
    const char* env = std::getenv("THMCHECK_GNUPLOT");
    program_ = env && *env ? env : "gnuplot";
  }
  // A relative path with a slash is taken from the current folder, before gnuplot runs elsewhere.
  if (program_.find('/') != std::string::npos) program_ = fs::absolute(program_).string();
  std::error_code ec;
  fs::path out = fs::temp_directory_path(ec) / fmt::format("thmcheck-gnuplot-{}.txt", ::getpid());
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
  std::string arg1 = "--version";
  char* argv[] = {program_.data(), arg1.data(), nullptr};
  pid_t pid = 0;
  int status = 0;
  if (posix_spawnp(&pid, program_.c_str(), &fa, nullptr, argv, environ) == 0 &&
      waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0) {
    std::ifstream in(out);
    std::getline(in, version_);
    available_ = version_.find("gnuplot") != std::string::npos;
  }
  posix_spawn_file_actions_destroy(&fa);
  fs::remove(out, ec);
}

std::optional<std::string> Gnuplot::run(const std::string& script_path,
                                        const std::string& svg_path) const {
  if (!available_) return "gnuplot is not available ('" + program_ + "')";
  const fs::path script = fs::absolute(script_path);
  const fs::path log = script.string() + ".log";
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  // The script names its output relative to its own folder, so the report can be moved.
  posix_spawn_file_actions_addchdir_np(&fa, script.parent_path().c_str());
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_adddup2(&fa, 1, 2);
  std::string prog = program_, arg = script.filename().string();
  char* argv[] = {prog.data(), arg.data(), nullptr};
  pid_t pid = 0;
  int status = 0;
  int rc = posix_spawnp(&pid, prog.c_str(), &fa, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&fa);
  std::string messages;
  if (rc == 0) waitpid(pid, &status, 0);
  {
    std::ifstream in(log);
    std::stringstream ss;
    ss << in.rdbuf();
    messages = ss.str();
  }
  std::error_code ec;
  fs::remove(log, ec);
  while (!messages.empty() && std::isspace(static_cast<unsigned char>(messages.back())))
    messages.pop_back();
  if (messages.size() > 600) messages = "..." + messages.substr(messages.size() - 600);
  if (rc != 0) return fmt::format("could not start '{}'", program_);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    return fmt::format("gnuplot failed: {}", messages.empty() ? "no message" : messages);
  std::ifstream svg(svg_path);
  std::string head(4096, '\0');
  svg.read(head.data(), std::streamsize(head.size()));
  head.resize(std::size_t(svg.gcount()));
  if (head.find("<svg") == std::string::npos) return "gnuplot wrote no SVG: " + messages;
  return std::nullopt;
}

}  // namespace thmcheck::report
