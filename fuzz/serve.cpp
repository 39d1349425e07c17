// The JSON-lines server: each input is one or more request lines. Every non-blank line gets exactly one
// response line, which is JSON and never an internal error, and the loop ends normally at the end of input.
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "lexq/lexq.hpp"
#include "serve.hpp"

namespace {

lexq::Engine& engine() {
    static std::unique_ptr<lexq::Engine> engine = [] {
        lexq::Error error;
        auto opened = lexq::Engine::open_default(&error);
        if (!opened) std::abort();
        return opened;
    }();
    return *engine;
}

std::size_t non_blank_lines(const std::string& text) {
    std::size_t count = 0;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);)
        if (line.find_first_not_of(" \t\r") != std::string::npos) ++count;
    return count;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string requests(reinterpret_cast<const char*>(data), size);
    std::istringstream in(requests);
    std::ostringstream out;
    if (lexq::shell::serve_stdio(engine(), in, out) != 0) std::abort();
    std::istringstream responses(out.str());
    std::size_t count = 0;
    for (std::string line; std::getline(responses, line); ++count) {
        const auto response = nlohmann::json::parse(line);  // throws, so crashes, on a line that is not JSON
        if (line.find(R"("kind":"internal error")") != std::string::npos) std::abort();
        (void)response;
    }
    if (count != non_blank_lines(requests)) std::abort();
    return 0;
}
