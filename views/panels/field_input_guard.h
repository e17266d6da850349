#pragma once

#include <QObject>

class QKeyEvent;
class QWheelEvent;
class QWidget;

namespace scalescope::views {

/// Keeps accidental input away from one field widget (spin box, combo box, slider):
/// - the mouse wheel changes the field only while it has keyboard focus; otherwise the wheel
///   scrolls the enclosing scroll area (the Parameters dock) and never reaches the field;
/// - Undo and Redo keys (Ctrl+Z, Ctrl+Shift+Z, Ctrl+Y) reach the window's document undo
///   stack instead of the field's own text undo.
/// The field gets Qt::StrongFocus (focus by click or Tab, never by wheel).
class FieldInputGuard : public QObject {
    Q_OBJECT
public:
    /// Guards `field` (and the line edit inside it, if any); owned by `field`.
    static void install(QWidget *field);

    /// True for the key presses that mean Undo or Redo on any platform.
    [[nodiscard]] static bool isUndoOrRedo(const QKeyEvent &event);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    explicit FieldInputGuard(QWidget *field);
    void scrollEnclosingArea(const QWheelEvent &wheel) const;

    QWidget *m_field;
};

} // namespace scalescope::views
