#include "serve.hpp"

#include <istream>
#include <optional>
#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

namespace lexq::shell {
namespace {

using nlohmann::json;

// A request the server refuses before running anything: it becomes {"ok": false, "error": …}.
struct BadRequest {
    std::string message;
    std::optional<std::size_t> offset;  // bytes into the request line, when the problem has a position
};

json error_response(const json& id, const std::string& kind, const BadRequest& bad) {
    json error = {{"kind", kind}, {"message", bad.message}, {"offset", nullptr}};
    if (bad.offset) error["offset"] = *bad.offset;
    return {{"id", id}, {"ok", false}, {"error", error}};
}

// nlohmann's messages start with "[json.exception.parse_error.101] "; a client wants only the sentence.
std::string without_exception_tag(const std::string& what) {
    const auto end = what.find("] ");
    return what.starts_with("[json.exception.") && end != std::string::npos ? what.substr(end + 2) : what;
}

// The request's fields, checked: unknown keys are refused so that a misspelt field is not silently ignored.
std::optional<BadRequest> check_request(const json& request) {
    if (!request.is_object()) return BadRequest{"a request must be a JSON object, not " + std::string(request.type_name()), {}};
    for (const auto& [key, value] : request.items())
        if (key != "id" && key != "statement" && key != "options")
            return BadRequest{"unknown field \"" + key + "\"; a request has id, statement and options", {}};
    const auto statement = request.find("statement");
    if (statement == request.end()) return BadRequest{"missing field \"statement\"", {}};
    if (!statement->is_string())
        return BadRequest{"field \"statement\" must be a string, not " + std::string(statement->type_name()), {}};
    const auto options = request.find("options");
    if (options == request.end()) return std::nullopt;
    if (!options->is_object()) return BadRequest{"field \"options\" must be an object, not " + std::string(options->type_name()), {}};
    for (const auto& [key, value] : options->items()) {
        if (key != "lang") return BadRequest{"unknown option \"" + key + "\"; the options are: lang", {}};
        if (value != "zh" && value != "en" && value != "both")
            return BadRequest{"option \"lang\" takes \"zh\", \"en\" or \"both\", not " + value.dump(), {}};
    }
    return std::nullopt;
}

// Runs the statements; each outcome is embedded exactly as lexq::to_json writes it (docs/json.md).
// "lang" is checked but changes nothing: like --lang under --json, results always carry both languages.
json run_request(Engine& engine, const json& request) {
    json results = json::array();
    bool all_ok = true;
    for (const Outcome& outcome : engine.run(request["statement"].get<std::string>())) {
        results.push_back(json::parse(to_json(outcome)));
        all_ok = all_ok && outcome.ok();
    }
    return {{"id", request.value("id", json())}, {"ok", all_ok}, {"results", results}};
}

json answer(Engine& engine, const std::string& line) {
    json request;
    try {
        request = json::parse(line);
    } catch (const json::parse_error& e) {
        return error_response(nullptr, "bad request", {without_exception_tag(e.what()), e.byte});
    } catch (const json::out_of_range& e) {  // a number too large for a double: 1E400
        return error_response(nullptr, "bad request", {without_exception_tag(e.what()), {}});
    }
    const json id = request.is_object() ? request.value("id", json()) : json();
    if (auto bad = check_request(request)) return error_response(id, "bad request", *bad);
    try {
        return run_request(engine, request);
    } catch (const json::exception& e) {  // to_json gave a document nlohmann cannot read: a bug, not the client's
        return error_response(id, "internal error", {without_exception_tag(e.what()), {}});
    }
}

}  // namespace

int serve_stdio(Engine& engine, std::istream& in, std::ostream& out) {
    std::string line;
    while (std::getline(in, line)) {
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;  // keep-alive or stray newline
        // replace: a response must always be written, even if some string in it is not valid UTF-8
        out << answer(engine, line).dump(-1, ' ', false, json::error_handler_t::replace) << '\n' << std::flush;
        if (!out) return 2;  // the client has gone; nobody is left to answer
    }
    return 0;
}

}  // namespace lexq::shell
