// Running the lexq program from a test: spawn it, feed its input, capture its outputs and exit status.
#pragma once

#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace lexq::test {

namespace fs = std::filesystem;

struct Run {
    int status = -1;  // the exit status; 128 + signal when killed
    std::string out;
    std::string err;
};

// A scratch directory for this test process, removed when it exits.
struct Scratch {
    fs::path dir = fs::temp_directory_path() / ("lexq-shell-test-" + std::to_string(getpid()));
    Scratch() { fs::create_directories(dir); }
    ~Scratch() {
        std::error_code ignored;
        fs::remove_all(dir, ignored);
    }
};

inline const fs::path& scratch() {
    static const Scratch s;
    return s.dir;
}

inline std::string slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

inline fs::path write_file(const std::string& name, const std::string& text) {
    const fs::path path = scratch() / name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
}

inline void write_all(int fd, const std::string& text) {
    for (std::size_t done = 0; done < text.size();) {
        const ssize_t n = write(fd, text.data() + done, text.size() - done);
        if (n <= 0) return;  // the program stopped reading
        done += static_cast<std::size_t>(n);
    }
}

inline int exit_status(pid_t pid) {
    int status = 0;
    if (waitpid(pid, &status, 0) != pid) return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// Starts the lexq program with `args`, its standard input the pipe `input_fd`, its outputs in files.
inline pid_t spawn_lexq(const std::vector<std::string>& args, int input_fd, const fs::path& out, const fs::path& err) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, input_fd, STDIN_FILENO);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    std::vector<char*> argv{const_cast<char*>(LEXQ_BINARY)};
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, LEXQ_BINARY, &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    REQUIRE(spawned == 0);
    return pid;
}

// Runs the lexq program with `args`, `input` on its standard input (a pipe), and captures its outputs.
inline Run run_lexq(const std::vector<std::string>& args, const std::string& input = "") {
    std::signal(SIGPIPE, SIG_IGN);
    const fs::path out = scratch() / "stdout", err = scratch() / "stderr";
    int pipe_fds[2];
    REQUIRE(pipe2(pipe_fds, O_CLOEXEC) == 0);
    const pid_t pid = spawn_lexq(args, pipe_fds[0], out, err);
    close(pipe_fds[0]);
    write_all(pipe_fds[1], input);
    close(pipe_fds[1]);
    Run run;
    run.status = exit_status(pid);
    run.out = slurp(out);
    run.err = slurp(err);
    return run;
}

}  // namespace lexq::test
