// Embedding lexq from C++: open the built-in knowledge base, run one statement, print what it found.
#include <iostream>

#include <lexq/lexq.hpp>

int main() {
    lexq::Error error;
    auto engine = lexq::Engine::open_default(&error);
    if (!engine) {
        std::cerr << "cannot open lexq: " << error.message << '\n';
        return 1;
    }
    // run takes any number of ';'-separated statements and returns one outcome each.
    for (const lexq::Outcome& outcome : engine->run("show 刑法第246条")) {
        if (!outcome.ok()) {
            std::cerr << outcome.error->kind << ": " << outcome.error->message << '\n';
            return 1;
        }
        if (outcome.result->provisions.empty()) return 1;
        const lexq::Provision& p = outcome.result->provisions.front();
        std::cout << p.id << '\n' << p.text_zh << '\n';
    }
    return 0;
}
