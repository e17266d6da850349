#include "app/cli.h"

#include <QCoreApplication>

#include <iostream>

int main(int argc, char *argv[]) {
    QStringList arguments;
    for (int i = 1; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);

    QCoreApplication::setOrganizationName("ScaleScope");
    QCoreApplication::setApplicationName("scalescope");
    QCoreApplication::setApplicationVersion(SCALESCOPE_VERSION);

    QCoreApplication app(argc, argv);
    scalescope::app::CliIo io{std::cout, std::cerr};
    return scalescope::app::runCli(arguments, io);
}
