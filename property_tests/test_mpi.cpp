// With an Open MPI build (-DTHMCHECK_MPI=ON): `mpirun -np 2 thmcheck verify ...` splits the claims
// across two ranks and gives the results of the single-process run, apart from timings
// (harness/distributed.hpp). Without MPI this file holds no test.
#ifdef THMCHECK_WITH_MPI
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "thmcheck/harness/result.hpp"

namespace {

int run_quietly(const std::string& cmd) {
  const int status = std::system((cmd + " > /dev/null 2>&1").c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

nlohmann::json read_json(const std::filesystem::path& p) {
  std::ifstream in(p);
  REQUIRE(in.good());
  return nlohmann::json::parse(in);
}

}  // namespace

TEST_CASE("mpirun with 2 ranks gives the single-process results", "[quick][mpi]") {
  // Listed out of registry order on purpose: the ranks' parts merge back in the order requested.
  const std::string ids = "randomized-kaczmarz-rate gd-quadratic-rate heavy-ball-quadratic-rate";
  const auto dir = std::filesystem::temp_directory_path() / "thmcheck-mpi";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const auto one = dir / "one.json", two = dir / "two.json";
  const std::string bin = THMCHECK_BINARY;
  const int code = run_quietly(bin + " verify " + ids + " --quiet --json " + one.string());
  REQUIRE(code == 0);
  // --oversubscribe: the machine may have fewer free cores than ranks; root is allowed in
  // containers.
  const std::string mpirun = "mpirun --oversubscribe --allow-run-as-root -np 2 ";
  REQUIRE(run_quietly(mpirun + bin + " verify " + ids + " --quiet --json " + two.string()) == code);
  auto a = read_json(one), b = read_json(two);
  CHECK(b.at("provenance").at("mpi_ranks") == 2);
  b["provenance"].erase("mpi_ranks");
  CHECK(thmcheck::strip_timings(a) == thmcheck::strip_timings(b));
  std::filesystem::remove_all(dir);
}
#endif
