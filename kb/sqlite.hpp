// A thin RAII layer over the SQLite C API: the only place that talks to sqlite3 directly.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include <sqlite3.h>

namespace lexq::kb {

struct SqliteError : std::runtime_error {
    explicit SqliteError(const std::string& what, int code = SQLITE_ERROR) : std::runtime_error(what), code(code) {}
    bool damaged() const { return code == SQLITE_CORRUPT || code == SQLITE_NOTADB; }  // the file, not the statement
    int code;  // the primary SQLite result code
};

class Statement {
public:
    Statement(sqlite3* db, std::string_view sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int index, std::string_view value);
    Statement& bind(int index, long long value);
    Statement& bind(int index, int value) { return bind(index, static_cast<long long>(value)); }
    Statement& bind_null(int index);
    Statement& bind_pointer(int index, void* pointer, const char* type);
    Statement& bind(int index, std::optional<int> value) { return value ? bind(index, *value) : bind_null(index); }

    bool step();  // true while a row is available
    void run();   // steps to completion
    void reset();

    std::string text(int column) const;
    std::string_view text_view(int column) const;  // valid until the next step or reset
    long long integer(int column) const;
    double real(int column) const;
    bool is_null(int column) const;

private:
    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
};

class Database;

// A statement from a connection's cache: prepared once per connection, reset when this handle goes.
class Prepared {
public:
    Prepared(Prepared&& other) noexcept;
    Prepared& operator=(Prepared&&) = delete;
    ~Prepared();
    Statement& operator*() { return *statement_; }
    Statement* operator->() { return statement_; }

private:
    friend class Database;
    Prepared(Statement* cached, bool* busy, std::unique_ptr<Statement> own);
    Statement* statement_;
    bool* busy_;                       // the cache slot's flag; null for a statement of its own
    std::unique_ptr<Statement> own_;  // when the cached one is already in use further up the stack
};

class Database {
public:
    // Opens a file; `readonly` opens an existing database without creating it.
    static Database open(const std::string& path, bool readonly);
    // Opens a read-only database over bytes that outlive it (the embedded default knowledge base).
    static Database from_memory(const unsigned char* data, std::size_t size);

    Database(Database&& other) noexcept : db_(other.db_), cache_(std::move(other.cache_)) { other.db_ = nullptr; }
    Database& operator=(Database&&) = delete;
    ~Database();

    void exec(std::string_view sql);
    sqlite3* handle() const { return db_; }
    // The statement for `sql`, prepared on first use and kept: preparing costs more than most lookups.
    Prepared prepare(const std::string& sql) const;

private:
    explicit Database(sqlite3* db) : db_(db) {}
    struct Slot {
        std::unique_ptr<Statement> statement;
        bool busy = false;
    };
    sqlite3* db_;
    mutable std::map<std::string, Slot, std::less<>> cache_;  // a connection is used by one thread at a time
};

}  // namespace lexq::kb
