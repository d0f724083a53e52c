// `thmcheck hbm-params` and `thmcheck simulate` as a user meets them: the worked example, the
// Spectra path for a large sparse matrix file against the dense one, every error path exiting 64
// with a message that names the problem, and simulate deterministic for a seed at any --jobs.
#include <unistd.h>

#include <array>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

namespace {

struct Output {
  int code = -1;
  std::string out;  // stdout only (JSON is parsed from it)
  std::string all;  // stdout and stderr
};

Output run(const std::string& args) {
  // One file per process: ctest -j runs this file's tests side by side, and other checkouts' too.
  const auto err = std::filesystem::temp_directory_path() /
                   ("thmcheck-hbm-cli-" + std::to_string(::getpid()) + ".err");
  std::string cmd = std::string(THMCHECK_BINARY) + " " + args + " 2>" + err.string();
  Output o;
  FILE* pipe = popen(cmd.c_str(), "r");
  REQUIRE(pipe);
  std::array<char, 4096> buf{};
  while (std::fgets(buf.data(), int(buf.size()), pipe)) o.out += buf.data();
  int status = pclose(pipe);
  o.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream e(err);
  o.all = o.out + std::string(std::istreambuf_iterator<char>(e), {});
  std::filesystem::remove(err);
  return o;
}

std::string write_file(const std::string& name, const std::string& text) {
  auto p = std::filesystem::temp_directory_path() /
           ("thmcheck-hbm-" + std::to_string(::getpid()) + "-" + name);
  std::ofstream(p) << text;
  return p.string();
}

// A sparse n x d matrix: a scaled identity on top (full rank, known extremes) plus sparse rows
// below.
std::string sparse_matrix(int n, int d) {
  std::string s = "%%MatrixMarket matrix coordinate real general\n";
  std::string body;
  int nnz = 0;
  for (int j = 1; j <= d; ++j) {
    body +=
        std::to_string(j) + " " + std::to_string(j) + " " + std::to_string(1.0 + 0.01 * j) + "\n";
    ++nnz;
  }
  for (int i = d + 1; i <= n; ++i)
    for (int j = 1; j <= d; ++j)
      if ((i * 7 + j * 13) % 17 == 0) {
        body += std::to_string(i) + " " + std::to_string(j) + " " +
                std::to_string(0.3 + 0.001 * ((i + j) % 11)) + "\n";
        ++nnz;
      }
  return s + std::to_string(n) + " " + std::to_string(d) + " " + std::to_string(nnz) + "\n" + body;
}

}  // namespace

TEST_CASE("hbm-params reproduces the worked example", "[quick][hbm][cli]") {
  auto o = run("hbm-params --spectrum slow-algebraic --kappa 100 --dim 100 --widen 1000 --json");
  REQUIRE(o.code == 0);
  auto j = nlohmann::json::parse(o.out);
  CHECK(j["B_star"].get<long>() == 473568);
  CHECK(j["kappa_bar"].get<double>() == Approx(50.50).margin(0.005));
  CHECK(j["alpha"].get<double>() == Approx(0.0330606).margin(5e-8));
  CHECK(j["beta"].get<double>() == Approx(0.669558).margin(5e-7));
  CHECK(j["sqrt_beta"].get<double>() == Approx(0.81827).margin(5e-6));
  CHECK(j["kappa_C"].get<double>() == Approx(320.99).margin(0.005));
  CHECK(j["kappa_C_agrees"].get<bool>());
  CHECK(j["B_star_horizon"].get<double>() == Approx(7.4e11).epsilon(0.01));
  auto text = run("hbm-params --spectrum slow-algebraic --kappa 100 --dim 100");
  CHECK(text.code == 0);
  CHECK(text.out.find("473568") != std::string::npos);
}

TEST_CASE("hbm-params on a matrix file: Lanczos on A^T A agrees with the dense path",
          "[quick][hbm][cli]") {
  const auto f = write_file("sparse.mtx", sparse_matrix(500, 60));
  auto dense = run("hbm-params --matrix " + f + " --json");
  auto lanczos = run("hbm-params --matrix " + f + " --json --dense-max 10");
  REQUIRE(dense.code == 0);
  REQUIRE(lanczos.code == 0);
  auto a = nlohmann::json::parse(dense.out), b = nlohmann::json::parse(lanczos.out);
  CHECK(a["eigen_method"] == "dense");
  CHECK(b["eigen_method"] == "lanczos");
  for (const char* key : {"lambda_min", "lambda_max", "kappa", "kappa_bar", "alpha", "beta",
                          "kappa_C", "B_star_real"})
    CHECK(b[key].get<double>() == Approx(a[key].get<double>()).epsilon(1e-8));
}

TEST_CASE("hbm-params: bad files, rank deficiency and nonsensical sizes exit 64 naming the problem",
          "[quick][hbm][cli]") {
  const auto missing =
      (std::filesystem::temp_directory_path() / "thmcheck-hbm-no-such.mtx").string();
  const auto garbage = write_file("garbage.mtx", "hello\n");
  const auto badentry = write_file(
      "badentry.mtx", "%%MatrixMarket matrix coordinate real general\n3 2 2\n1 1 x\n2 2 1\n");
  const auto wide = write_file(
      "wide.mtx", "%%MatrixMarket matrix coordinate real general\n2 3 2\n1 1 1\n2 2 1\n");
  const auto rankdef = write_file(
      "rankdef.mtx",
      "%%MatrixMarket matrix coordinate real general\n4 2 4\n1 1 1\n2 1 2\n3 1 3\n4 1 4\n");
  const auto zero =
      write_file("zero.mtx", "%%MatrixMarket matrix coordinate real general\n3 2 0\n");
  struct Case {
    std::string args, needle;
  };
  for (const auto& c : std::vector<Case>{
           {"hbm-params --matrix " + missing, "cannot read"},
           {"hbm-params --matrix " + garbage, "not a Matrix Market"},
           {"hbm-params --matrix " + badentry, "not a finite number"},
           {"hbm-params --matrix " + wide, "rank-deficient"},
           {"hbm-params --matrix " + rankdef, "rank-deficient"},
           {"hbm-params --matrix " + zero, "zero"},
           {"hbm-params --spectrum slow-algebraic --kappa 10 --dim 1", "--dim"},
           {"hbm-params --spectrum slow-algebraic --kappa 0.5 --dim 10", "--kappa"},
           {"hbm-params --spectrum slow-algebraic --kappa nan --dim 10", "--kappa"},
           {"hbm-params --spectrum slow-algebraic --kappa 10 --dim 10 --widen 1", "--widen"},
           {"hbm-params --spectrum no-such --kappa 10 --dim 10", "no-such"},
           {"hbm-params --kappa 10 --dim 10", "either"},
           {"hbm-params --spectrum slow-algebraic --kappa 10 --dim 10 --matrix " + garbage,
            "either"},
           {"hbm-params --spectrum slow-algebraic --kappa 10 --dim 10 --horizon 0", "--horizon"},
       }) {
    INFO(c.args);
    auto o = run(c.args);
    CHECK(o.code == 64);
    CHECK(o.all.find(c.needle) != std::string::npos);
  }
}

TEST_CASE("simulate: quantile curves, deterministic at any --jobs, bad input exits 64",
          "[quick][hbm][cli]") {
  const std::string base =
      "simulate minibatch-hbm --spectrum fast-algebraic --kappa 10 --dim 5 --rows 40 --iters 30 "
      "--trials 24 --seed 9 --json";
  auto one = run(base + " --jobs 1"), two = run(base + " --jobs 2");
  REQUIRE(one.code == 0);
  REQUIRE(two.code == 0);
  auto a = nlohmann::json::parse(one.out), b = nlohmann::json::parse(two.out);
  CHECK(a["median"] == b["median"]);
  CHECK(a["q10"] == b["q10"]);
  CHECK(a["q90"] == b["q90"]);
  CHECK(a["median"].size() == 31);
  CHECK(a["median"][0].get<double>() == 1.0);
  for (std::size_t k = 0; k < 31; ++k) {
    CHECK(a["q10"][k].get<double>() <= a["median"][k].get<double>());
    CHECK(a["median"][k].get<double>() <= a["q90"][k].get<double>());
  }
  CHECK(a["batch"].get<long>() == a["B_star"].get<long>() + 1);
  // That batch is a sizable fraction of n = 40 (lockstep ensembles); a small batch of a larger n
  // runs lone draw-order runs in lockstep groups of 16 (24 trials: a full group and a partial
  // one): deterministic at any --jobs too.
  {
    const std::string small =
        "simulate minibatch-hbm --spectrum fast-algebraic --kappa 10 --dim 5 --rows 2000 "
        "--batch 3 --iters 30 --trials 24 --seed 9 --json";
    auto s1 = run(small + " --jobs 1"), s2 = run(small + " --jobs 2");
    REQUIRE(s1.code == 0);
    REQUIRE(s2.code == 0);
    CHECK(nlohmann::json::parse(s1.out)["final"] == nlohmann::json::parse(s2.out)["final"]);
  }
  CHECK(a["final"] == b["final"]);
  CHECK(a.contains("seconds"));
  // Every method runs; deterministic ones have no spread.
  for (const char* m : {"gd", "hbm", "rk", "minibatch-sgd"}) {
    auto o =
        run(std::string("simulate ") + m +
            " --spectrum slow-algebraic --kappa 5 --dim 4 --iters 10 --trials 5 --batch 50 --json");
    INFO(m);
    REQUIRE(o.code == 0);
    auto j = nlohmann::json::parse(o.out);
    if (std::string(m) == "gd" || std::string(m) == "hbm") CHECK(j["q10"] == j["q90"]);
    CHECK(j["median"][10].get<double>() < 1.0);
  }
  // --save-instance writes the instance as .npy files numpy.load reads (bench/compare_numpy.sh).
  {
    const auto dir = std::filesystem::temp_directory_path() / "thmcheck-hbm-instance";
    std::filesystem::remove_all(dir);
    auto o =
        run("simulate gd --spectrum slow-algebraic --kappa 5 --dim 4 --rows 30 --iters 2 --trials "
            "1 --save-instance " +
            dir.string());
    REQUIRE(o.code == 0);
    for (auto [name, count] : {std::pair{"A.npy", 120}, {"b.npy", 30}, {"x_star.npy", 4}}) {
      INFO(name);
      std::ifstream f(dir / name, std::ios::binary);
      std::string bytes((std::istreambuf_iterator<char>(f)), {});
      REQUIRE(bytes.size() > 10);
      CHECK(bytes.substr(0, 8) == std::string("\x93NUMPY\x01\x00", 8));
      const std::size_t header =
          10 + std::size_t((unsigned char)bytes[8]) + 256 * std::size_t((unsigned char)bytes[9]);
      CHECK(header % 64 == 0);
      CHECK(bytes.size() == header + 8 * std::size_t(count));
    }
  }
  auto uni =
      run("simulate minibatch-sgd --spectrum slow-algebraic --kappa 5 --dim 4 --iters 5 --trials 3 "
          "--batch 20 --sampling uniform --json");
  CHECK(uni.code == 0);
  struct Case {
    std::string args, needle;
  };
  const auto garbage = write_file("garbage2.mtx", "hello\n");
  for (const auto& c : std::vector<Case>{
           {"simulate newton --spectrum slow-algebraic --kappa 5 --dim 4", "newton"},
           {"simulate gd --kappa 5 --dim 4", "either"},
           {"simulate gd --spectrum slow-algebraic --kappa 5 --dim 4 --rows 2", "--rows"},
           {"simulate gd --spectrum slow-algebraic --kappa 5 --dim 4 --iters 0", "--iters"},
           {"simulate gd --spectrum slow-algebraic --kappa 5 --dim 4 --trials 0", "--trials"},
           {"simulate minibatch-hbm --spectrum slow-algebraic --kappa 5 --dim 4 --sampling "
            "sideways",
            "sideways"},
           {"simulate minibatch-hbm --spectrum slow-algebraic --kappa 5 --dim 4 --beta 1.5",
            "--beta"},
           {"simulate gd --spectrum slow-algebraic --kappa 5 --dim 4 --beta 0.5", "--beta"},
           {"simulate gd --matrix " + garbage, "not a Matrix Market"},
       }) {
    INFO(c.args);
    auto o = run(c.args);
    CHECK(o.code == 64);
    CHECK(o.all.find(c.needle) != std::string::npos);
  }
}

TEST_CASE("hbm-params reports the mean-square rate and B_ms; simulate --exact the exact curve",
          "[quick][hbm][cli]") {
  auto o = run("hbm-params --spectrum fast-exponential --kappa 10 --dim 4 --rows 30 --json");
  REQUIRE(o.code == 0);
  auto j = nlohmann::json::parse(o.out);
  const auto& m = j["mean_square"];
  CHECK(m["B_ms"].get<long>() >= 1);
  CHECK(m["rate_at_B_ms"].get<double>() <= 1.05 * j["sqrt_beta"].get<double>() * (1 + 1e-12));
  CHECK(m["rate_at_B_star"].get<double>() >= j["sqrt_beta"].get<double>());
  auto f = write_file("ms.mtx", sparse_matrix(40, 5));
  auto mj = nlohmann::json::parse(run("hbm-params --matrix " + f + " --json").out);
  CHECK(mj["mean_square"]["B_ms"].get<long>() >= 1);
  CHECK(run("hbm-params --spectrum fast-exponential --kappa 10 --dim 4 --tau 0").code == 64);

  // Every prediction, from the spectrum and the instance's row norms: Q and m* from their
  // formulas, the uniform forms eta times the row-norm ones (eta >= 1, 1 for equal row norms).
  const auto& q = j["predictions"];
  const double tr = j["trace"].get<double>(), lmax = j["lambda_max"].get<double>(),
               lmin = j["lambda_min"].get<double>();
  CHECK(q["Q"].get<double>() == Approx(tr / std::sqrt(lmax * lmin)).epsilon(1e-12));
  CHECK(q["m_star_sgd_row_norm"].get<double>() == Approx(tr / lmax + 1).epsilon(1e-12));
  CHECK(q["B_star"].get<double>() == Approx(j["B_star_real"].get<double>()).epsilon(1e-12));
  CHECK(q["eta"].get<double>() >= 1);
  CHECK(q["B_star_uniform"].get<double>() ==
        Approx(q["eta"].get<double>() * q["B_star"].get<double>()).epsilon(1e-12));
  CHECK(mj["predictions"]["eta"].get<double>() >= 1);

  auto s = run(
      "simulate minibatch-hbm --spectrum fast-exponential --kappa 10 --dim 4 --rows 30 --batch 20 "
      "--iters 5 --trials 2000 --exact --json --quiet");
  REQUIRE(s.code == 0);
  auto sj = nlohmann::json::parse(s.out);
  const auto exact = sj["exact_mean_square"].get<std::vector<double>>();
  const auto sampled = sj["sampled_mean_square"].get<std::vector<double>>();
  REQUIRE(exact.size() == 6);
  CHECK(exact[0] == Approx(1).epsilon(1e-12));
  // The sampled mean of 2000 runs is near the exact one (a loose check of the plumbing; the
  // statistics are in test_second_moment.cpp and the theorems' cross-checks).
  for (std::size_t k = 1; k < exact.size(); ++k) CHECK(sampled[k] == Approx(exact[k]).epsilon(0.2));
}
