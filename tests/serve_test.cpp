// lexq serve --stdio: serve_stdio over string streams, and the real program over pipes.
#include <catch2/catch.hpp>

#include <csignal>
#include <sstream>
#include <string>
#include <vector>

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "engine_support.hpp"
#include "process_support.hpp"
#include "serve.hpp"

extern char** environ;

using nlohmann::json;

namespace {

struct Served {
    int status = -1;
    std::vector<json> responses;  // one per output line, in order
};

Served serve(const std::string& input) {
    std::istringstream in(input);
    std::ostringstream out;
    Served s;
    s.status = lexq::shell::serve_stdio(default_engine(), in, out);
    std::istringstream lines(out.str());
    for (std::string line; std::getline(lines, line);) s.responses.push_back(json::parse(line));
    return s;
}

// The single response to a single request line.
json answer(const std::string& request) {
    const Served s = serve(request + "\n");
    REQUIRE(s.status == 0);
    REQUIRE(s.responses.size() == 1);
    return s.responses.front();
}

void check_bad_request(const json& r, const json& id, const std::string& message_part) {
    CAPTURE(r.dump());
    CHECK(r["id"] == id);
    CHECK(r["ok"] == false);
    CHECK(!r.contains("results"));
    CHECK(r["error"]["kind"] == "bad request");
    CHECK_THAT(r["error"]["message"].get<std::string>(), Catch::Contains(message_part));
}

}  // namespace

TEST_CASE("serve: a show request gives the document lexq::to_json gives, embedded") {
    const json r = answer(R"J({"id": 1, "statement": "show CL 246(2)"})J");
    CHECK(r["id"] == 1);
    CHECK(r["ok"] == true);
    REQUIRE(r["results"].size() == 1);
    const auto outcomes = default_engine().run("show CL 246(2)");
    CHECK(r["results"][0] == json::parse(lexq::to_json(outcomes.front())));
    CHECK(r["results"][0]["result"]["provisions"][0]["id"] == "CL 246(2)");
}

TEST_CASE("serve: several statements give one result each, in order") {
    const json r = answer(R"J({"id": "two", "statement": "search 诽谤 limit:2; show CL 246", "options": {"lang": "en"}})J");
    CHECK(r["ok"] == true);
    REQUIRE(r["results"].size() == 2);
    CHECK(r["results"][0]["result"]["kind"] == "search");
    CHECK(r["results"][0]["result"]["hits"].size() <= 2);
    CHECK(r["results"][1]["result"]["provisions"][0]["id"] == "CL 246");
    CHECK(r["results"][1]["offset"] == 23);  // bytes into the statement text (诽谤 is 6), as in docs/json.md
}

TEST_CASE("serve: the id is echoed whatever its type") {
    for (const json& id : {json(7), json("req-7"), json(nullptr), json(2.5), json{{"n", 1}}, json::array({1, "x"})}) {
        CAPTURE(id.dump());
        const json r = answer(json{{"id", id}, {"statement", "show CL 246(1)"}}.dump());
        CHECK(r["id"] == id);
        CHECK(r["ok"] == true);
    }
    CHECK(answer(R"J({"statement": "show CL 246(1)"})J")["id"].is_null());  // no id: null
}

TEST_CASE("serve: a failing statement fails the request but not its neighbours") {
    const json r = answer(R"J({"id": 3, "statement": "show CL 246; show CL 9999"})J");
    CHECK(r["ok"] == false);
    CHECK(!r.contains("error"));  // the request was fine: the failure is inside results
    REQUIRE(r["results"].size() == 2);
    CHECK(r["results"][0]["ok"] == true);
    CHECK(r["results"][1]["ok"] == false);
    CHECK(r["results"][1]["error"]["kind"] == "no such provision");
    CHECK(r["results"][1]["error"]["offset"].is_number());
}

TEST_CASE("serve: a syntax error is one failed result naming its offset") {
    const json r = answer(R"J({"id": 4, "statement": "show CL 246; shw CL 1"})J");
    CHECK(r["ok"] == false);
    REQUIRE(r["results"].size() == 1);
    CHECK(r["results"][0]["error"]["kind"] == "syntax error");
    CHECK(r["results"][0]["error"]["offset"] == 13);
}

TEST_CASE("serve: invalid JSON is a bad request with nlohmann's byte position") {
    const json r = answer(R"J({"id": 5 "statement": "show CL 246"})J");
    check_bad_request(r, nullptr, "parse error");
    CHECK(r["error"]["offset"] == 20);  // bytes read when the error was found: to the end of the unexpected "statement"
    CHECK_THAT(r["error"]["message"].get<std::string>(), !Catch::StartsWith("[json.exception"));
    check_bad_request(answer(R"J({"id": 6, "statement": )J"), nullptr, "unexpected end of input");
}

TEST_CASE("serve: missing, mistyped and unknown fields are bad requests that name the field") {
    check_bad_request(answer(R"J({"id": 8})J"), 8, "missing field \"statement\"");
    check_bad_request(answer(R"J({"id": 9, "statement": 246})J"), 9, "\"statement\" must be a string, not number");
    check_bad_request(answer(R"J({"id": 10, "statement": null})J"), 10, "\"statement\" must be a string, not null");
    check_bad_request(answer(R"J({"id": 11, "statment": "show CL 246"})J"), 11, "unknown field \"statment\"");
    check_bad_request(answer(R"J(["show CL 246"])J"), nullptr, "must be a JSON object, not array");
    for (const json& r : {answer(R"J({"id": 12, "statement": "show CL 246", "options": {"lang": "en", "color": true}})J"),
                         answer(R"J({"id": 12, "statement": "show CL 246", "options": {"lang": "fr"}})J"),
                         answer(R"J({"id": 12, "statement": "show CL 246", "options": "en"})J")}) {
        check_bad_request(r, 12, "");
        CHECK(r["error"]["offset"].is_null());
    }
    CHECK_THAT(answer(R"J({"id": 12, "statement": "show CL 246", "options": {"color": true}})J")["error"]["message"].get<std::string>(),
               Catch::Contains("unknown option \"color\""));
}

TEST_CASE("serve: blank lines are ignored and every other line is answered, in order") {
    std::string input = "\n   \r\n";
    for (int i = 0; i < 50; ++i) {
        if (i % 10 == 3) input += "{oops\n";
        else input += json{{"id", i}, {"statement", i % 2 ? "show CL 246(1)" : "show CL 9999"}}.dump() + "\n\n";
    }
    input += json{{"id", "last"}, {"statement", "show CL 246(2)"}}.dump();  // no final newline
    const Served s = serve(input);
    CHECK(s.status == 0);
    REQUIRE(s.responses.size() == 51);
    for (int i = 0; i < 50; ++i) {
        CAPTURE(i);
        const json& r = s.responses[static_cast<std::size_t>(i)];
        if (i % 10 == 3) {
            CHECK(r["error"]["kind"] == "bad request");
            continue;
        }
        CHECK(r["id"] == i);
        CHECK(r["ok"] == (i % 2 == 1));
    }
    CHECK(s.responses.back()["id"] == "last");
    CHECK(serve("").responses.empty());
}

TEST_CASE("serve: the lexq program answers each line before the next is sent") {
    std::signal(SIGPIPE, SIG_IGN);
    int to_child[2], from_child[2];
    REQUIRE(pipe2(to_child, O_CLOEXEC) == 0);
    REQUIRE(pipe2(from_child, O_CLOEXEC) == 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, to_child[0], STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&actions, from_child[1], STDOUT_FILENO);
    std::vector<char*> argv{const_cast<char*>(LEXQ_BINARY), const_cast<char*>("serve"), const_cast<char*>("--stdio"),
                            const_cast<char*>("--db"), const_cast<char*>(LEXQ_DEFAULT_DB), nullptr};
    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, LEXQ_BINARY, &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(to_child[0]);
    close(from_child[1]);
    REQUIRE(spawned == 0);

    // Reads one line, waiting at most 20 s: an unflushed response would hang here, so fail instead.
    std::string pending;
    auto read_line = [&]() -> std::string {
        for (;;) {
            if (const auto nl = pending.find('\n'); nl != std::string::npos) {
                std::string line = pending.substr(0, nl);
                pending.erase(0, nl + 1);
                return line;
            }
            pollfd p{from_child[0], POLLIN, 0};
            if (poll(&p, 1, 20000) != 1) return "";
            char buffer[4096];
            const ssize_t n = read(from_child[0], buffer, sizeof buffer);
            if (n <= 0) return "";
            pending.append(buffer, static_cast<std::size_t>(n));
        }
    };
    for (const std::string id : {"1", "\"b\""}) {
        const std::string request = R"J({"id": )J" + id + R"J(, "statement": "show CL 246(1)"})J" + "\n";
        REQUIRE(write(to_child[1], request.data(), request.size()) == static_cast<ssize_t>(request.size()));
        const std::string line = read_line();
        REQUIRE(!line.empty());
        const json r = json::parse(line);
        CHECK(r["id"] == json::parse(id));
        CHECK(r["ok"] == true);
    }
    close(to_child[1]);
    CHECK(read_line().empty());  // nothing more after the end of input
    close(from_child[0]);
    int status = 0;
    REQUIRE(waitpid(pid, &status, 0) == pid);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
}

TEST_CASE("serve: lexq serve without --stdio, or with an unknown argument, is a usage error") {
    for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
             {"serve"}, {"serve", "--tcp"}, {"serve", "--stdio", "--db"}, {"serve", "--stdio", "--db", "/nonexistent/kb"}}) {
        CAPTURE(args);
        CHECK(lexq::test::run_lexq(args).status == 2);
    }
}

// Found by fuzz/serve.cpp: a number too large for a double threw json::out_of_range, which nothing caught,
// and the server died instead of answering.
TEST_CASE("serve: a number too large for JSON is a bad request, and the next request is answered") {
    const Served s = serve("{\"id\": 1E400, \"statement\": \"show CL 246\"}\n{\"id\": 2, \"statement\": \"show CL 246\"}\n");
    CHECK(s.status == 0);
    REQUIRE(s.responses.size() == 2);
    check_bad_request(s.responses[0], nullptr, "number overflow");
    CHECK(s.responses[1]["ok"] == true);
}
