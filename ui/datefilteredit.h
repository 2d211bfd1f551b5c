#pragma once

#include <QDate>
#include <QList>
#include <QWidget>

class QCalendarWidget;
class QFrame;
class QHBoxLayout;
class QLineEdit;
class QToolButton;

// One end of the created-date filter: a day, or "any" (an empty field). A day is typed
// (yyyy-MM-dd or the locale's short date, applied on Enter or when the field loses focus; Esc
// reverts what was typed) or picked in a calendar popup: opening it changes nothing (it shows
// the chosen day's month, or this month), a click or Enter on a day applies that day, Esc
// closes it as it was. The popup may offer presets ("Last 7 days"), which the owner applies.
// dateChanged() comes only when the applied day changes.
class DateFilterEdit final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DateFilterEdit)
public:
    explicit DateFilterEdit(QWidget *parent = nullptr);
    ~DateFilterEdit() override;

    QDate date() const { return m_date; } // invalid: any
    void setDate(const QDate &date);      // emits dateChanged() when it differs
    // "Last N days" buttons under the calendar; choosing one emits presetChosen(N).
    void setPresets(const QList<int> &days);

    void showCalendar();
    bool isCalendarVisible() const;
    QLineEdit *lineEdit() const { return m_text; }
    QToolButton *calendarButton() const { return m_button; }
    QCalendarWidget *calendar() const { return m_calendar; }

Q_SIGNALS:
    void dateChanged(const QDate &date);
    void presetChosen(int days);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void commitText();
    void showDate();
    void pickDay(const QDate &day);
    bool isEdited() const;

    QLineEdit *m_text;
    QToolButton *m_button;
    QFrame *m_popup;
    QCalendarWidget *m_calendar;
    QHBoxLayout *m_presets;
    QDate m_date;
};
