// The C API (include/lexq/lexq.h): handles that wrap the C++ API. Every entry point catches everything,
// because an exception unwinding into C code is undefined behaviour.
#include "lexq/lexq.h"

#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <optional>
#include <string>
#include <vector>

#include "lexq/lexq.hpp"

struct lexq_db {
    std::unique_ptr<lexq::Engine> engine;
};

// The JSON and the error message are rendered once, at run, so that the accessors return pointers
// that stay valid for the result's lifetime and cannot fail.
struct lexq_result {
    struct Entry {
        std::string json;
        std::optional<std::string> error;
    };
    std::vector<Entry> entries;
};

namespace {

// A malloc'd copy, so that C callers free it with lexq_free whatever allocator C++ uses.
char* c_string(const std::string& s) noexcept {
    char* out = static_cast<char*>(std::malloc(s.size() + 1));
    if (out) std::memcpy(out, s.c_str(), s.size() + 1);
    return out;
}

void set_error(char** error, const std::string& message) noexcept {
    if (error) *error = c_string(message);
}

const lexq_result::Entry* entry(const lexq_result* result, size_t i) noexcept {
    if (!result || i >= result->entries.size()) return nullptr;
    return &result->entries[i];
}

}  // namespace

extern "C" {

const char* lexq_version(void) { return lexq::version(); }

lexq_db* lexq_open(const char* path, char** error) {
    if (error) *error = nullptr;
    try {
        lexq::Error e;
        auto engine = path ? lexq::Engine::open(path, &e) : lexq::Engine::open_default(&e);
        if (!engine) {
            set_error(error, e.message.empty() ? "cannot open the knowledge base" : e.message);
            return nullptr;
        }
        return new lexq_db{std::move(engine)};
    } catch (const std::exception& e) {
        set_error(error, e.what());
    } catch (...) {
        set_error(error, "internal error");
    }
    return nullptr;
}

lexq_result* lexq_run(lexq_db* db, const char* statements) {
    if (!db || !statements) return nullptr;
    try {
        auto result = std::make_unique<lexq_result>();
        for (const lexq::Outcome& o : db->engine->run(statements)) {
            lexq_result::Entry entry{lexq::to_json(o), std::nullopt};
            if (o.error) entry.error = o.error->message;
            result->entries.push_back(std::move(entry));
        }
        return result.release();
    } catch (...) {
        return nullptr;  // only allocation can throw here
    }
}

size_t lexq_result_count(const lexq_result* result) { return result ? result->entries.size() : 0; }

int lexq_result_ok(const lexq_result* result, size_t i) {
    const auto* e = entry(result, i);
    return e && !e->error ? 1 : 0;
}

const char* lexq_result_json(const lexq_result* result, size_t i) {
    const auto* e = entry(result, i);
    return e ? e->json.c_str() : nullptr;
}

const char* lexq_result_error(const lexq_result* result, size_t i) {
    const auto* e = entry(result, i);
    return e && e->error ? e->error->c_str() : nullptr;
}

void lexq_result_free(lexq_result* result) { delete result; }

void lexq_close(lexq_db* db) { delete db; }

void lexq_free(void* p) { std::free(p); }

}  // extern "C"
