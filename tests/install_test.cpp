// Installation: install this build into a scratch prefix, then build and run the examples in examples/
// against it, as an embedder would. Slow (two CMake projects), so one test case does it all.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <unistd.h>

namespace fs = std::filesystem;

namespace {

// A scratch directory for this test process, removed when it exits.
struct Scratch {
    fs::path dir = fs::temp_directory_path() / ("lexq-install-test-" + std::to_string(getpid()));
    Scratch() { fs::create_directories(dir); }
    ~Scratch() {
        std::error_code ignored;
        fs::remove_all(dir, ignored);
    }
};

std::string slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string quoted(const fs::path& p) { return "'" + p.string() + "'"; }

// Runs a shell command with its output in `log`; on failure the log is shown, which says why.
void run(const std::string& command, const fs::path& log) {
    const int status = std::system((command + " >" + quoted(log) + " 2>&1").c_str());
    INFO(command << "\n" << slurp(log));
    REQUIRE(status == 0);
}

// Configures and builds one example against the installed prefix; returns its build directory.
fs::path build_example(const Scratch& s, const std::string& name, const fs::path& prefix) {
    const fs::path source = fs::path(LEXQ_SOURCE_DIR) / "examples" / name;
    const fs::path build = s.dir / ("build-" + name);
    run(std::string(LEXQ_CMAKE) + " -S " + quoted(source) + " -B " + quoted(build) +
            " -DCMAKE_PREFIX_PATH=" + quoted(prefix),
        s.dir / (name + "-configure.log"));
    run(std::string(LEXQ_CMAKE) + " --build " + quoted(build), s.dir / (name + "-build.log"));
    return build;
}

}  // namespace

TEST_CASE("the installed library builds and runs the C and C++ examples") {
    const Scratch s;
    const fs::path prefix = s.dir / "prefix";
    run(std::string(LEXQ_CMAKE) + " --install " + quoted(LEXQ_BUILD_DIR) + " --prefix " + quoted(prefix),
        s.dir / "install.log");
    for (const char* file : {"include/lexq/lexq.h", "include/lexq/lexq.hpp", "share/lexq/lexq.db",
                             "lib/cmake/lexq/lexqConfig.cmake", "lib/cmake/lexq/lexqTargets.cmake",
                             "lib/pkgconfig/lexq.pc", "bin/lexq"}) {
        INFO(file);
        CHECK(fs::exists(prefix / file));
    }

    const fs::path cpp = build_example(s, "cpp", prefix);
    run(quoted(cpp / "lexq_example_cpp"), s.dir / "cpp.out");
    const std::string cpp_out = slurp(s.dir / "cpp.out");
    CHECK(cpp_out.starts_with("CL 246\n以暴力或者其他方法"));

    const fs::path c = build_example(s, "c", prefix);
    run(quoted(c / "lexq_example_c"), s.dir / "c.out");
    const std::string c_out = slurp(s.dir / "c.out");
    CHECK(c_out.find("\"id\":\"CL 246\"") != std::string::npos);
    CHECK(c_out.find("以暴力或者其他方法") != std::string::npos);

    // Without CMake: the pkg-config file alone is enough to compile and link the C example.
    const fs::path pc_binary = s.dir / "lexq_example_c_pkgconfig";
    run("PKG_CONFIG_PATH=" + quoted(prefix / "lib/pkgconfig") + " sh -c \"cc " +
            (fs::path(LEXQ_SOURCE_DIR) / "examples/c/main.c").string() + " -o " + pc_binary.string() +
            " \\$(pkg-config --cflags --libs lexq) -Wl,-rpath," + (prefix / "lib").string() + "\"",
        s.dir / "pkgconfig-build.log");
    run(quoted(pc_binary), s.dir / "pkgconfig.out");
    CHECK(slurp(s.dir / "pkgconfig.out") == c_out);
}
