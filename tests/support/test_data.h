#pragma once

// Where the tests find their data (tests/data/README.md describes the folders):
//   shippedDataDir()         data/, what the application ships and installs;
//   testDataDir()            tests/data/, fixtures and reference tables shipped for the tests;
//   externalReferenceFile()  data that may not ship with the repository (no licence), looked
//                            up in $SCALESCOPE_SHARED_REFERENCE_DIR, else in the build's default
//                            (../shared/reference beside the source tree, CMakeLists.txt).
// A test executable that needs an external file starts with
// SCALESCOPE_GUILESS_TEST_MAIN_NEEDING: when the file is absent it prints the reason and exits
// with kSkipReturnCode, which tests/CMakeLists.txt declares as CTest's SKIP_RETURN_CODE, so
// CTest reports the test as skipped, never as passed.
//
// Pure standard C++ apart from the macro, so the benchmarks can use it too.

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>

namespace scalescope::testing {

/// The exit status that CTest reads as "skipped" (SKIP_RETURN_CODE in tests/CMakeLists.txt).
inline constexpr int kSkipReturnCode = 77;

/// data/ in the source tree.
inline std::string shippedDataDir() {
    return SCALESCOPE_SOURCE_DATA_DIR;
}

/// tests/data/ in the source tree.
inline std::string testDataDir() {
    return SCALESCOPE_TEST_DATA_DIR;
}

/// A file outside the repository: where it was looked for and, when it is not there, why.
struct ExternalFile {
    std::string path;
    std::string missingReason; ///< empty when the file exists
    bool present() const { return missingReason.empty(); }
};

/// `relativePath` (e.g. "scaling/x.csv") inside $SCALESCOPE_SHARED_REFERENCE_DIR when that is
/// set and not empty, else inside the build-time SCALESCOPE_SHARED_REFERENCE_DIR.
inline ExternalFile externalReferenceFile(const std::string &relativePath) {
    const char *environment = std::getenv("SCALESCOPE_SHARED_REFERENCE_DIR");
    const bool fromEnvironment = environment != nullptr && *environment != '\0';
    const std::string directory =
        fromEnvironment ? std::string(environment) : std::string(SCALESCOPE_SHARED_REFERENCE_DIR);
    ExternalFile file{directory + "/" + relativePath, {}};
    std::error_code error;
    if (!std::filesystem::is_regular_file(file.path, error))
        file.missingReason =
            file.path + " not found (" +
            (fromEnvironment ? "$SCALESCOPE_SHARED_REFERENCE_DIR" : "the build's default folder") +
            "); it does not ship with the repository: set "
            "SCALESCOPE_SHARED_REFERENCE_DIR to a folder holding " +
            relativePath + " (tests/data/README.md)";
    return file;
}

/// True when `file` exists; otherwise prints "SKIP: <reason>" on stdout and returns false.
inline bool presentOrReportSkip(const ExternalFile &file) {
    if (file.present())
        return true;
    std::printf("SKIP: %s\n", file.missingReason.c_str());
    std::fflush(stdout);
    return false;
}

} // namespace scalescope::testing

/// QTEST_GUILESS_MAIN for a test that cannot run without the external file `relativePath`:
/// skipped as a whole (exit status kSkipReturnCode, the reason on stdout) when it is absent.
#define SCALESCOPE_GUILESS_TEST_MAIN_NEEDING(TestObject, relativePath)                             \
    int main(int argc, char *argv[]) {                                                             \
        if (!scalescope::testing::presentOrReportSkip(                                             \
                scalescope::testing::externalReferenceFile(relativePath)))                         \
            return scalescope::testing::kSkipReturnCode;                                           \
        QCoreApplication app(argc, argv);                                                          \
        TestObject test;                                                                           \
        return QTest::qExec(&test, argc, argv);                                                    \
    }
