#include <catch2/catch.hpp>

#include <csignal>
#include <string>
#include <variant>
#include <vector>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "parser.hpp"

using lexq::grammar::parse;
namespace ast = lexq::ast;

namespace {

// A statement in its canonical form: the citation or the query tree.
std::string canonical(const ast::Statement& s) {
    if (const auto* show = std::get_if<ast::Show>(&s.node)) return ast::to_string(show->citation);
    return ast::to_string(*std::get<ast::Search>(s.node).query);
}

// Every statement of `text` in canonical form, joined by " ; ".
std::string canonical(std::string_view text) {
    auto parsed = parse(text);
    if (const auto* e = std::get_if<ast::SyntaxError>(&parsed))
        FAIL("rejected at " << e->offset << ": " << e->message);
    std::string out;
    for (const ast::Statement& s : std::get<ast::Script>(parsed).statements)
        out += (out.empty() ? "" : " ; ") + canonical(s);
    return out;
}

ast::SyntaxError rejection(std::string_view text) {
    auto parsed = parse(text);
    if (!std::holds_alternative<ast::SyntaxError>(parsed)) FAIL("accepted: " << canonical(text));
    return std::get<ast::SyntaxError>(parsed);
}

// Bytes in `prefix`: error offsets are byte offsets, and a Chinese character is three bytes.
std::size_t at(const std::string& prefix) { return prefix.size(); }

std::string nested(std::size_t depth) {
    return "search " + std::string(depth, '(') + "a" + std::string(depth, ')');
}

struct Accepted {
    std::string input;
    std::string canonical;
};

struct Rejected {
    std::string input;
    std::size_t offset;
    std::string message;  // a part of it
};

void check_rejected(const std::vector<Rejected>& table) {
    for (const Rejected& r : table) {
        CAPTURE(r.input);
        const ast::SyntaxError e = rejection(r.input);
        CHECK(e.offset == r.offset);
        CHECK_THAT(e.message, Catch::Contains(r.message));
    }
}

}  // namespace

TEST_CASE("search queries: AND binds tighter than OR, juxtaposition is AND, NOT is unary") {
    const std::vector<Accepted> table = {
        {"search 诽谤", "term(诽谤)"},
        {"search 诽谤 OR 侮辱 网络", "(OR term(诽谤) (AND term(侮辱) term(网络)))"},
        {"search 诽谤 网络 OR 侮辱", "(OR (AND term(诽谤) term(网络)) term(侮辱))"},
        {"search a AND b OR c", "(OR (AND term(a) term(b)) term(c))"},
        {"search a OR b AND c", "(OR term(a) (AND term(b) term(c)))"},
        {"search a OR b OR c", "(OR term(a) term(b) term(c))"},
        {"search a b c", "(AND term(a) term(b) term(c))"},
        {"search a AND b c", "(AND term(a) term(b) term(c))"},
        {"search 诽谤 AND 侮辱", "(AND term(诽谤) term(侮辱))"},
        {"search 诽谤 NOT 刑法", "(AND term(诽谤) (NOT term(刑法)))"},
        {"search NOT a b", "(AND (NOT term(a)) term(b))"},
        {"search a AND NOT b", "(AND term(a) (NOT term(b)))"},
        {"search NOT NOT a", "(NOT (NOT term(a)))"},
        {"search NOT (a OR b)", "(NOT (OR term(a) term(b)))"},
        {"search (诽谤 OR 侮辱) 信息网络", "(AND (OR term(诽谤) term(侮辱)) term(信息网络))"},
        {"search a (b OR c)", "(AND term(a) (OR term(b) term(c)))"},
        {"search ((a))", "term(a)"},
        {"search ( a OR b )", "(OR term(a) term(b))"},
        {"search \"公然侮辱\"", "phrase(公然侮辱)"},
        {"search \"公然 侮辱\" 网络", "(AND phrase(公然 侮辱) term(网络))"},
        {"search \"a b\" OR \"c\"", "(OR phrase(a b) phrase(c))"},
        {"search \"OR\"", "phrase(OR)"},
        {"search defamation OR insult", "(OR term(defamation) term(insult))"},
        // Only upper-case AND/OR/NOT are operators, and only as whole words.
        {"search 诽谤 and 侮辱", "(AND term(诽谤) term(and) term(侮辱))"},
        {"search a or b", "(AND term(a) term(or) term(b))"},
        {"search ANDROID", "term(ANDROID)"},
        {"search NOTE x", "(AND term(NOTE) term(x))"},
        {"search a\tb", "(AND term(a) term(b))"},
        {"search （a）", "term(（a）)"},
    };
    for (const Accepted& a : table) {
        CAPTURE(a.input);
        CHECK(canonical(a.input) == a.canonical);
    }
}

TEST_CASE("citations in Chinese and canonical forms") {
    const std::vector<Accepted> table = {
        {"show 刑法第246条", "citation(刑法 art 246)"},
        {"show 刑法第二百四十六条", "citation(刑法 art 二百四十六)"},
        {"show 《中华人民共和国刑法》第二百四十六条第二款", "citation(中华人民共和国刑法 art 二百四十六 para 二)"},
        {"show 刑法第246条第2款", "citation(刑法 art 246 para 2)"},
        {"show 刑法第253条之一", "citation(刑法 art 253 sub 一)"},
        {"show 刑法第二百五十三条之一", "citation(刑法 art 二百五十三 sub 一)"},
        {"show 刑法第二百八十六条之一第一款第（一）项", "citation(刑法 art 二百八十六 sub 一 para 一 item 一)"},
        {"show 意见（征求意见稿）第8条第(1)项", "citation(意见（征求意见稿） art 8 item 1)"},
        {"show 刑法第246条第一项", "citation(刑法 art 246 item 一)"},
        {"show 刑法 第246条", "citation(刑法 art 246)"},
        {"show 第246条", "citation( art 246)"},
        {"show 刑法", "citation(刑法)"},
        {"show 《中华人民共和国刑法》", "citation(中华人民共和国刑法)"},
        {"show CL", "citation(CL)"},
        {"show CL 246", "citation(id CL art 246)"},
        {"show cl 246(2)", "citation(id cl art 246 para 2)"},
        {"show CL 253-1(1)(2)", "citation(id CL art 253 sub 1 para 1 item 2)"},
        {"show OP2023D 8(2)(1)", "citation(id OP2023D art 8 para 2 item 1)"},
    };
    for (const Accepted& a : table) {
        CAPTURE(a.input);
        CHECK(canonical(a.input) == a.canonical);
    }
}

TEST_CASE("scripts: statements separated by ',', keywords in any case, empty input") {
    const std::vector<Accepted> table = {
        {"", ""},
        {"   ", ""},
        {" \t\r\n ", ""},
        {"SHOW CL 246", "citation(id CL art 246)"},
        {"Show cl 246", "citation(id cl art 246)"},
        {"Search 诽谤", "term(诽谤)"},
        {"SEARCH a OR b", "(OR term(a) term(b))"},
        {"search x;", "term(x)"},
        {"show CL 246; search 诽谤", "citation(id CL art 246) ; term(诽谤)"},
        {"search a;search b", "term(a) ; term(b)"},
        {"  show CL 246 ;  show 刑法第246条第2款 ; ", "citation(id CL art 246) ; citation(刑法 art 246 para 2)"},
    };
    for (const Accepted& a : table) {
        CAPTURE(a.input);
        CHECK(canonical(a.input) == a.canonical);
    }
}

TEST_CASE("statement and citation spans are byte spans of the source") {
    const std::string text = "show CL 246; show 《中华人民共和国刑法》第246条";
    auto parsed = parse(text);
    REQUIRE(std::holds_alternative<ast::Script>(parsed));
    const auto& statements = std::get<ast::Script>(parsed).statements;
    REQUIRE(statements.size() == 2);
    const ast::Citation& c = std::get<ast::Show>(statements[1].node).citation;
    CHECK(c.span.offset == at("show CL 246; show "));
    CHECK(c.span.length == text.size() - at("show CL 246; show "));
    CHECK(c.instrument_span.offset == at("show CL 246; show 《"));
    CHECK(text.substr(c.instrument_span.offset, c.instrument_span.length) == "中华人民共和国刑法");
    CHECK(c.article->span.offset == at("show CL 246; show 《中华人民共和国刑法》第"));
}

TEST_CASE("citation errors name the byte offset and what was expected") {
    check_rejected({
        {"shwo x", 0, "expected a statement"},
        {"show", at("show"), "expected a citation"},
        {"show 刑法第246", at("show 刑法第246"), "expected 条"},
        {"show 刑法第abc条", at("show 刑法第"), "expected an article number after 第"},
        {"show 刑法第 246条", at("show 刑法第"), "expected an article number"},
        {"show 刑法第246条第2", at("show 刑法第246条第2"), "expected 款 or 项"},
        {"show 刑法第1条之", at("show 刑法第1条之"), "expected a number after 之"},
        {"show 刑法第1条第（一项", at("show 刑法第1条第（一"), "expected ） to close"},
        {"show 刑法第1条第（）项", at("show 刑法第1条第（"), "expected an item number inside the brackets"},
        {"show 《刑法", at("show 《刑法"), "expected 》 to close the title"},
        {"show 《》第1条", at("show 《"), "expected a title after 《"},
        {"show CL 246(", at("show CL 246("), "expected a paragraph number"},
        {"show CL 246(2", at("show CL 246(2"), "expected ')'"},
        {"show CL 246(2)(", at("show CL 246(2)("), "expected an item number"},
        {"show CL 253-", at("show CL 253-"), "expected the number after '-'"},
        {"show CL 246;;", at("show CL 246;"), "expected a statement"},
    });
}

TEST_CASE("search errors name the byte offset and what was expected") {
    check_rejected({
        {"search", at("search"), "expected search terms"},
        {"search 诽谤 OR", at("search 诽谤 OR"), "expected a search term after OR"},
        {"search a OR OR b", at("search a OR "), "expected a search term after OR"},
        {"search a AND", at("search a AND"), "expected a search term after AND"},
        {"search NOT", at("search NOT"), "expected a search term after NOT"},
        {"search AND", at("search "), "expected search terms"},
        {"search \"unclosed", at("search \"unclosed"), "expected '\"' to close the phrase"},
        {"search \"\"", at("search \""), "expected words inside the quotes"},
        {"search (诽谤", at("search (诽谤"), "expected ')' to close the group"},
        {"search a AND (b", at("search a AND (b"), "expected ')' to close the group"},
        {"search ()", at("search ("), "expected search terms after '('"},
        {"search )", at("search "), "expected search terms"},
        {"search a)", at("search a"), "expected ';' or the end of the statement"},
    });
}

TEST_CASE("bytes the grammar never sees: invalid UTF-8 and control characters") {
    check_rejected({
        {"show \xff", at("show "), "invalid UTF-8"},
        {"search 诽\xe8", at("search 诽"), "invalid UTF-8"},
        {"search \xe4\xbd", at("search "), "invalid UTF-8"},
        {"search a\x01", at("search a"), "control character U+0001"},
        {std::string("search \0a", 9), at("search "), "control character U+0000"},
        {"search 诽谤\x1b[0m", at("search 诽谤"), "control character U+001B"},
        {"search a\x7f", at("search a"), "control character U+007F"},
    });
}

TEST_CASE("parentheses nest up to grammar::max_nesting") {
    const std::size_t limit = lexq::grammar::max_nesting;
    REQUIRE(limit == 64);
    CHECK(canonical(nested(limit)) == "term(a)");
    const ast::SyntaxError e = rejection(nested(limit + 1));
    CHECK(e.offset == at("search ") + limit + 1);  // inside the 65th parenthesis
    CHECK(e.message == "nesting too deep (more than 64 levels of parentheses, NOT and fields)");
    // Parentheses inside a phrase are text, not nesting.
    const std::string quoted(limit + 10, '(');
    CHECK(canonical("search \"" + quoted + "\"") == "phrase(" + quoted + ")");
}

// The offset of "expected a citation/statement" must not depend on how much of a failed
// alternative was consumed before it failed (PEGTL must<sor<...>> does not rewind its last branch).
TEST_CASE("errors for a wrong citation or statement point at its start") {
    check_rejected({
        {"searchx", 0, "expected a statement"},
    });
}

// A chain of NOT recurses like parentheses and counts against the same limit. The parse runs in a
// child process so a stack overflow would fail this test instead of killing the test program.
TEST_CASE("NOT chains count against grammar::max_nesting") {
    auto chain = [](std::size_t n) {
        std::string text = "search a";
        for (std::size_t i = 0; i < n; ++i) text += " NOT";
        return text + " b";
    };
    CHECK(canonical(chain(64)).starts_with("(AND term(a) (NOT"));
    const ast::SyntaxError e = rejection(chain(65));
    CHECK(e.offset == at("search a") + 65 * 4 + 1);  // the operand of the 65th NOT
    CHECK(e.message == "nesting too deep (more than 64 levels of parentheses, NOT and fields)");
}

TEST_CASE("a long chain of NOT does not crash the parser") {
    std::string text = "search ";
    for (int i = 0; i < 100000; ++i) text += "NOT ";
    text += "a";
    const pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        const rlimit no_core{0, 0};
        setrlimit(RLIMIT_CORE, &no_core);
        for (int sig : {SIGSEGV, SIGBUS, SIGABRT}) std::signal(sig, SIG_DFL);  // not Catch2's handler
        (void)parse(text);
        _exit(0);
    }
    int status = 0;
    REQUIRE(waitpid(child, &status, 0) == child);
    INFO("the parse " << (WIFSIGNALED(status) ? "was killed by signal " : "exited with ")
                      << (WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status)));
    CHECK((WIFEXITED(status) && WEXITSTATUS(status) == 0));
}
