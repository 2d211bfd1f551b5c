#include "desktop.h"

#include <QApplication>
#include <QLabel>

// Placeholder until the main window lands (issue 3).
int runDesktop(QApplication &app)
{
    QLabel label(QApplication::tr("BounceDesk"));
    label.show();
    return app.exec();
}
