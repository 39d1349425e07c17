#include "session.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

namespace lexq::shell {
namespace {

std::vector<std::string> words(const std::string& line) {
    std::istringstream in(line);
    std::vector<std::string> out;
    for (std::string w; in >> w;) out.push_back(w);
    return out;
}

}  // namespace

const std::vector<StatementHelp>& statement_help() {
    static const std::vector<StatementHelp> table = {
        {"show", "show <citation>", "a provision (every citation form), or a whole instrument",
         {"show 刑法第246条", "show 刑法第二百四十六条第二款", "show CL 246(2)", "show Article 246 of the Criminal Law",
          "show 民法典第一千一百九十四条至第一千一百九十七条", "show 2012年治安管理处罚法第四十二条", "show OP2023D 8(2)(1)", "show 刑法"}},
        {"search", "search <query> [options]", "full-text search: terms, \"phrases\", AND OR NOT, /n +n /s /p /item /art, fields, options",
         {"search 诽谤", "search \"公然侮辱\"", "search 侮辱 AND 网络", "search defam* OR insult", "search 诽谤 /s 公诉",
          "search zh:诽谤 instrument:CL,JI2013DEF status:all limit:5", "search 侮辱 date:2025-06-01"}},
        {"explain", "explain search <query> | explain <conclusion> [full] given <facts>",
         "how a search is read; or why a conclusion holds, from facts to provisions",
         {"explain search 网络暴力诽谤", "explain crime_defamation full given act = {fabricate_defamation}, medium = network, views = 6000"}},
        {"refs", "refs <citation>", "what a provision cites", {"refs OP2023D 12", "refs JI2013DEF"}},
        {"citedby", "citedby <citation> [depth:N]", "what cites a provision, directly or through N steps",
         {"citedby CL 246", "citedby CL 253-1 depth:2"}},
        {"check", "check <text>", "every citation in a text: resolved, superseded, not held, or not existing",
         {"check 依照刑法第二百四十六条和《意见》第十二条"}},
        {"apply", "apply <fact> = <value>, … [using draft]",
         "which crimes, circumstances, procedures, remedies and penalties apply, and the facts still needed",
         {"apply act = {fabricate_defamation}, medium = network, views = 6000",
          "apply act = {insult}, medium = network, date = 2025-06-01", "apply act = {collect_publish_personal_info}, info_other_items = 6000 using draft"}},
    };
    return table;
}

namespace {

bool help(Session&, const std::vector<std::string>& args) {
    if (args.size() == 1) {
        const std::string& topic = args[0];
        for (const StatementHelp& h : statement_help())
            if (topic == h.name) {
                fmt::print("{}\n  {}\nExamples:\n", h.syntax, h.what);
                for (const char* e : h.examples) fmt::print("  {}\n", e);
                return true;
            }
        for (const DotCommand& c : dot_commands())
            if (topic == c.name || "." + topic == c.name) {
                fmt::print("{} {}\n  {}\n", c.name, c.args, c.help);
                return true;
            }
        fmt::print(stderr, "error: no help on '{}'; .help lists the statements and dot-commands\n", topic);
        return false;
    }
    fmt::print("Statements (end with ';' to put several on a line; .help STATEMENT for examples):\n");
    for (const StatementHelp& h : statement_help()) {
        if (std::string_view(h.syntax).size() > 42)
            fmt::print("  {}\n  {:<44}{}\n", h.syntax, "", h.what);
        else
            fmt::print("  {:<44}{}\n", h.syntax, h.what);
    }
    fmt::print("Dot-commands:\n");
    for (const DotCommand& c : dot_commands()) fmt::print("  {:<44}{}\n", fmt::format("{} {}", c.name, c.args), c.help);
    return true;
}

bool quit(Session& s, const std::vector<std::string>&) {
    s.request_quit();
    return true;
}

bool lang(Session& s, const std::vector<std::string>& args) {
    static const std::pair<const char*, Lang> names[] = {{"zh", Lang::zh}, {"en", Lang::en}, {"both", Lang::both}};
    for (auto [name, value] : names)
        if (args.size() == 1 && args[0] == name) {
            s.options().spec.lang = value;
            return true;
        }
    fmt::print(stderr, "error: usage: .lang zh|en|both\n");
    return false;
}

bool json(Session& s, const std::vector<std::string>& args) {
    if (args.size() == 1 && (args[0] == "on" || args[0] == "off")) {
        s.options().json = args[0] == "on";
        return true;
    }
    fmt::print(stderr, "error: usage: .json on|off\n");
    return false;
}

bool mode(Session& s, const std::vector<std::string>& args) {
    static const std::pair<const char*, Mode> names[] = {{"plain", Mode::plain}, {"table", Mode::table}, {"box", Mode::box},
                                                         {"markdown", Mode::markdown}, {"json", Mode::json}};
    for (auto [name, value] : names)
        if (args.size() == 1 && args[0] == name) {
            s.options().spec.mode = value;
            s.options().json = value == Mode::json;
            return true;
        }
    fmt::print(stderr, "error: usage: .mode plain|table|box|markdown|json\n");
    return false;
}

bool timer(Session& s, const std::vector<std::string>& args) {
    if (args.size() == 1 && (args[0] == "on" || args[0] == "off")) {
        s.options().timer = args[0] == "on";
        return true;
    }
    fmt::print(stderr, "error: usage: .timer on|off\n");
    return false;
}

bool output(Session& s, const std::vector<std::string>& args) {
    if (args.size() > 1) {
        fmt::print(stderr, "error: usage: .output [FILE]   (no FILE: back to standard output)\n");
        return false;
    }
    return s.set_output(args.empty() ? "" : args[0]);
}

bool open_db(Session& s, const std::vector<std::string>& args) {
    if (args.size() != 1) {
        fmt::print(stderr, "error: usage: .open DB\n");
        return false;
    }
    return s.open(args[0]);
}

bool read_file(Session& s, const std::vector<std::string>& args) {
    if (args.size() != 1) {
        fmt::print(stderr, "error: usage: .read FILE\n");
        return false;
    }
    return s.read(args[0]);
}

}  // namespace

const std::vector<DotCommand>& dot_commands() {
    static const std::vector<DotCommand> table = {
        {".help", "[topic]", "this help, or a statement's examples: .help search", help},
        {".mode", "plain|table|box|markdown|json", "how results are laid out", mode},
        {".lang", "zh|en|both", "which language(s) to show", lang},
        {".json", "on|off", "print one JSON document per statement (.mode json)", json},
        {".timer", "on|off", "print how long each statement took", timer},
        {".output", "[FILE]", "send results to FILE; no FILE: back to standard output", output},
        {".read", "FILE", "run the statements of FILE", read_file},
        {".open", "DB", "use the knowledge base in DB", open_db},
        {".quit", "", "leave the shell", quit},
        {".exit", "", "leave the shell", quit},
    };
    return table;
}

bool Session::run_line(const std::string& line, int line_number) {
    const auto start = line.find_first_not_of(" \t\r");
    if (start == std::string::npos || line.compare(start, 2, "--") == 0) return true;  // blank or comment
    const bool ok = line[start] == '.' ? run_dot(line.substr(start)) : run_statements(line, line_number);
    failed_ = failed_ || !ok;
    return ok;
}

bool Session::run_dot(const std::string& line) {
    auto args = words(line);
    const std::string name = args.front();
    args.erase(args.begin());
    for (const DotCommand& c : dot_commands())
        if (name == c.name) return c.run(*this, args);
    fmt::print(stderr, "error: unknown command {}; .help lists the commands\n", name);
    return false;
}

std::vector<std::string> Session::completions() const {
    auto words = engine_->completions();
    for (const DotCommand& c : dot_commands()) words.push_back(c.name);
    return words;
}

Session::~Session() {
    if (out_ != stdout) std::fclose(out_);
}

bool Session::set_output(const std::string& path) {
    std::FILE* next = path.empty() ? stdout : std::fopen(path.c_str(), "w");
    if (!next) {
        fmt::print(stderr, "error: I/O error: cannot write {}: {}\n", path, std::strerror(errno));
        return false;
    }
    if (out_ != stdout) std::fclose(out_);
    out_ = next;
    return true;
}

bool Session::open(const std::string& path) {
    Error error;
    auto next = Engine::open(path, &error);
    if (!next) {
        fmt::print(stderr, "error: {}: {}\n", error.kind, error.message);
        return false;
    }
    engine_ = std::move(next);
    return true;
}

bool Session::read(const std::string& path) {
    std::ifstream in(path);
    if (!in) {
        fmt::print(stderr, "error: I/O error: cannot read {}: {}\n", path, std::strerror(errno));
        return false;
    }
    if (reading_ >= max_read_nesting) {
        fmt::print(stderr, "error: .read nested deeper than {} files (does {} read itself?)\n", max_read_nesting, path);
        return false;
    }
    ++reading_;
    bool ok = true;
    std::string line;
    for (int number = 1; !quit_ && std::getline(in, line); ++number) {
        ok = run_line(line, number) && ok;
        if (!ok && options_.bail) break;
    }
    --reading_;
    return ok;
}

// Long output on a terminal goes through the pager ($PAGER, else less), as psql does.
void Session::print_result(const std::string& text) const {
    const auto lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
    if (out_ == stdout && options_.pager_rows > 0 && lines > options_.pager_rows) {
        const char* pager = std::getenv("PAGER");
        if (std::FILE* pipe = popen(pager && *pager ? pager : "less -FRX", "w")) {
            std::fputs(text.c_str(), pipe);
            pclose(pipe);
            return;
        }
    }
    fmt::print(out_, "{}", text);
}

bool Session::run_statements(const std::string& text, int line_number) {
    bool ok = true;
    const auto started = std::chrono::steady_clock::now();
    const auto outcomes = engine_->run(text);
    const auto elapsed = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    for (const Outcome& o : outcomes) {
        if (options_.json)
            fmt::print(out_, "{}\n", to_json(o));
        else if (o.result)
            print_result(render(*o.result, options_.spec));
        else
            fmt::print(stderr, "{}", render_error(*o.error, text, line_number, options_.spec));
        std::fflush(out_);
        ok = ok && o.ok();
        if (!ok && options_.bail) break;
    }
    if (options_.timer) fmt::print(out_, "time: {:.1f} ms\n", elapsed);
    return ok;
}

}  // namespace lexq::shell
