#include "views/window/presentation_mode.h"

#include "app/document/scenario_document.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QMainWindow>
#include <QMenuBar>
#include <QScreen>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QToolBar>

namespace scalescope::views {

PresentationMode::PresentationMode(QMainWindow *window, app::ScenarioDocument *document,
                                   QTabWidget *views, QList<QWidget *> presentationOnly)
    : QObject(window)
    , m_window(window)
    , m_document(document)
    , m_views(views)
    , m_presentationOnly(std::move(presentationOnly))
    , m_toggle(new QAction(QIcon(":/icons/present.svg"), tr("&Present"), window)) {
    m_toggle->setShortcut(Qt::Key_F5);
    m_toggle->setCheckable(true);
    m_toggle->setToolTip(tr("Presentation mode (F5): full screen, arrows step, Esc leaves"));
    connect(m_toggle, &QAction::triggered, this, &PresentationMode::toggle);
    window->addAction(m_toggle);

    const struct {
        Qt::Key key;
        void (PresentationMode::*slot)();
    } bindings[] = {{Qt::Key_Right, &PresentationMode::nextScenario},
                    {Qt::Key_PageDown, &PresentationMode::nextScenario},
                    {Qt::Key_Left, &PresentationMode::previousScenario},
                    {Qt::Key_PageUp, &PresentationMode::previousScenario},
                    {Qt::Key_Down, &PresentationMode::nextView},
                    {Qt::Key_Up, &PresentationMode::previousView},
                    {Qt::Key_Escape, &PresentationMode::leave}};
    for (const auto &binding : bindings) {
        auto *action = new QAction(window);
        action->setShortcut(binding.key);
        action->setShortcutContext(Qt::WindowShortcut);
        action->setEnabled(false);
        connect(action, &QAction::triggered, this, binding.slot);
        window->addAction(action);
        m_slideActions << action;
    }
    for (QWidget *widget : m_presentationOnly)
        widget->setVisible(false);
}

void PresentationMode::toggle() {
    if (m_active)
        leave();
    else
        enter();
}

void PresentationMode::enter() {
    if (m_active)
        return;
    m_active = true;
    m_savedState = m_window->saveState();
    m_savedGeometry = m_window->saveGeometry();
    m_wasMaximized = m_window->isMaximized();
    m_savedTheme = currentThemeKind();
    m_hiddenChrome.clear();
    QList<QWidget *> chrome;
    chrome << m_window->menuBar() << m_window->statusBar() << m_views->tabBar();
    for (auto *dock : m_window->findChildren<QDockWidget *>())
        chrome << dock;
    for (auto *toolBar : m_window->findChildren<QToolBar *>())
        chrome << toolBar;
    for (QWidget *widget : chrome) {
        if (widget->isVisible() || widget == m_views->tabBar()) {
            widget->hide();
            m_hiddenChrome << widget;
        }
    }
    for (QWidget *widget : m_presentationOnly)
        widget->show();
    // Below 1000 px of height (720p, 768p projectors) the numbers get smaller fonts, so the
    // charts keep their room (resources/styles/presentation.qss).
    const QScreen *screen = m_window->screen();
    m_window->setProperty("compactSlides", screen != nullptr && screen->geometry().height() < 1000);
    applyTheme(*qApp, Theme::make(ThemeKind::Presentation));
    for (auto *action : m_slideActions)
        action->setEnabled(true);
    m_toggle->setChecked(true);
    // If an earlier attempt left the full-screen flag set while the window manager kept the
    // window normal, showFullScreen() would be a no-op: clear the flag, then ask again.
    if (m_window->windowState() & Qt::WindowFullScreen)
        m_window->setWindowState(m_window->windowState() & ~Qt::WindowFullScreen);
    m_window->showFullScreen();
    // Arrow keys must reach our actions, not a spin box that happened to have focus.
    if (QWidget *page = m_views->currentWidget())
        page->setFocus();
    emit activeChanged(true);
}

void PresentationMode::leave() {
    if (!m_active)
        return;
    m_active = false;
    for (auto *action : m_slideActions)
        action->setEnabled(false);
    for (QWidget *widget : m_presentationOnly)
        widget->hide();
    m_window->setProperty("compactSlides", false);
    applyTheme(*qApp, Theme::make(m_savedTheme));
    for (QWidget *widget : m_hiddenChrome)
        widget->show();
    m_hiddenChrome.clear();
    m_toggle->setChecked(false);
    if (m_wasMaximized)
        m_window->showMaximized();
    else
        m_window->showNormal();
    m_window->restoreGeometry(m_savedGeometry);
    m_window->restoreState(m_savedState);
    emit activeChanged(false);
}

void PresentationMode::stepScenario(int delta) {
    const int count = m_document->count();
    if (count == 0)
        return;
    const auto &comparison = m_document->comparison();
    if (comparison.enabled) {
        // In compare mode the slides step B through the others, keeping A as the baseline.
        int b = comparison.b;
        for (int tries = 0; tries < count; ++tries) {
            b = (b + delta + count) % count;
            if (b != comparison.a)
                break;
        }
        m_document->setComparison({true, comparison.a, b});
        return;
    }
    const int next = m_document->currentIndex() + delta;
    if (next >= 0 && next < count)
        m_document->setCurrentIndex(next);
}

void PresentationMode::nextScenario() {
    stepScenario(+1);
}

void PresentationMode::previousScenario() {
    stepScenario(-1);
}

void PresentationMode::nextView() {
    const int next = m_views->currentIndex() + 1;
    if (next < m_views->count())
        m_views->setCurrentIndex(next);
}

void PresentationMode::previousView() {
    const int previous = m_views->currentIndex() - 1;
    if (previous >= 0)
        m_views->setCurrentIndex(previous);
}

} // namespace scalescope::views
