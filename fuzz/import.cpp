// The statute importer: a Markdown statute imported into a copy of the embedded knowledge base's corpus, as
// `lexq import` does (the id chosen from the title, the merge, the checks). A refused file says why.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>

#include "default_kb.hpp"
#include "import.hpp"
#include "load.hpp"

namespace {

const std::vector<lexq::kb::Instrument>& corpus() {
    static const std::vector<lexq::kb::Instrument> corpus = [] {
        const lexq::kb::Blob blob = lexq::kb::default_database();
        return lexq::kb::load_knowledge_base(lexq::kb::Database::from_memory(blob.data, blob.size)).corpus;
    }();
    return corpus;
}

// import_statutes reads files: one per fuzzer process, rewritten for each input.
const std::string& statute_file() {
    static const std::string path = "/tmp/lexq-fuzz-import-" + std::to_string(getpid()) + ".md";
    return path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::ofstream(statute_file(), std::ios::binary | std::ios::trunc).write(reinterpret_cast<const char*>(data),
                                                                              static_cast<std::streamsize>(size));
    std::vector<lexq::kb::Instrument> into = corpus();
    lexq::kb::Diagnostics problems;
    const auto notes = lexq::kb::import_statutes(into, {{statute_file(), {}}}, problems);
    if (notes.empty() && problems.empty()) std::abort();  // nothing imported, and no reason given
    return 0;
}
