// lexq import: statutes in Markdown into a knowledge base file (docs/import.md).
#pragma once

namespace lexq::shell {

// argv[1] is "import". Returns the exit status: 0 imported, 1 a file was refused, 2 usage or I/O error.
int import_command(int argc, char** argv);

}  // namespace lexq::shell
