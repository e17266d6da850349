#pragma once

#include "views/style/theme.h"

#include <QByteArray>
#include <QObject>

class QAction;
class QMainWindow;
class QTabWidget;
class QWidget;

namespace scalescope::app {
class ScenarioDocument;
}

namespace scalescope::views {

/// Presentation mode (F5): full screen, high-contrast theme with ~1.6× fonts, no docks, menus
/// or tab bar; the current view and the summary strip fill the screen. Left/Right step through
/// the workspace's scenarios like slides, Up/Down through the views, Esc leaves and restores
/// the window exactly as it was.
class PresentationMode : public QObject {
    Q_OBJECT
public:
    /// `presentationOnly` widgets (slide header, GPU knob) are shown only while presenting.
    PresentationMode(QMainWindow *window, app::ScenarioDocument *document, QTabWidget *views,
                     QList<QWidget *> presentationOnly);

    [[nodiscard]] bool isActive() const { return m_active; }
    void enter();
    void leave();
    void toggle();

    void nextScenario();
    void previousScenario();
    void nextView();
    void previousView();

    /// The actions bound to F5/Esc/arrows (added to the window by the constructor).
    [[nodiscard]] QAction *toggleAction() const { return m_toggle; }

signals:
    void activeChanged(bool active);

private:
    void stepScenario(int delta);

    QMainWindow *m_window;
    app::ScenarioDocument *m_document;
    QTabWidget *m_views;
    QList<QWidget *> m_presentationOnly;
    QList<QAction *> m_slideActions;
    QAction *m_toggle;
    bool m_active = false;
    QByteArray m_savedState;
    QByteArray m_savedGeometry;
    bool m_wasMaximized = false;
    ThemeKind m_savedTheme = ThemeKind::Light;
    QList<QWidget *> m_hiddenChrome;
};

} // namespace scalescope::views
