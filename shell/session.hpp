// One shell session: runs input lines (statements or dot-commands) and prints what they give.
#pragma once

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "lexq/lexq.hpp"
#include "render.hpp"

namespace lexq::shell {

struct Options {
    RenderSpec spec;
    bool json = false;
    bool bail = false;   // stop at the first failed statement
    bool timer = false;  // print each statement's run time
    std::size_t pager_rows = 0;  // on a terminal: output longer than this goes through $PAGER (0: never)
};

class Session;

inline constexpr int max_read_nesting = 16;  // .read inside .read: a file that reads itself stops here

struct DotCommand {
    const char* name;
    const char* args;
    const char* help;
    bool (*run)(Session& session, const std::vector<std::string>& args);  // false: the command failed
};

// The statements, their syntax, what they do and examples: one table drives .help and .help STATEMENT.
struct StatementHelp {
    const char* name;
    const char* syntax;
    const char* what;
    std::vector<const char*> examples;
};

const std::vector<StatementHelp>& statement_help();

// The dot-commands: one table drives dispatch and .help.
const std::vector<DotCommand>& dot_commands();

class Session {
public:
    Session(std::unique_ptr<Engine> engine, Options options) : engine_(std::move(engine)), options_(options) {}
    ~Session();

    // Runs one input line; `line_number` > 0 names the line in error messages. Returns false on failure.
    bool run_line(const std::string& line, int line_number);

    Options& options() { return options_; }
    bool quit_requested() const { return quit_; }
    void request_quit() { quit_ = true; }
    bool any_failed() const { return failed_; }

    // .output FILE sends results to a file (empty: back to standard output); .open swaps the knowledge base;
    // .read runs a file's lines. Each returns false with a message on standard error when it cannot.
    bool set_output(const std::string& path);
    bool open(const std::string& path);
    bool read(const std::string& path);
    std::FILE* out() const { return out_; }
    // Words for tab completion: the engine's (keywords, instruments, facts, conclusions) and dot-commands.
    std::vector<std::string> completions() const;

private:
    bool run_dot(const std::string& line);
    bool run_statements(const std::string& text, int line_number);
    void print_result(const std::string& text) const;

    std::unique_ptr<Engine> engine_;
    Options options_;
    bool quit_ = false;
    bool failed_ = false;
    std::FILE* out_ = stdout;
    int reading_ = 0;  // .read nesting, so a file that reads itself stops
};

}  // namespace lexq::shell
