#pragma once

#include "core/bouncetablemodel.h"

#include <QWidget>

class QComboBox;
class QLabel;
class DateFilterEdit;
class QLineEdit;
class QTimer;
class QToolButton;

// Narrows the table: text over the text columns shown (applied after a short pause in typing,
// so a million-row scan does not run on every keystroke), type all / hard / soft and the
// derived class (all or one; both only for lists with a status, hidden otherwise), and a
// created date range whose ends may be "any" (DateFilterEdit; the "from" end offers the last
// 7, 30 and 90 days). Esc in the text empties it.
class FilterBar final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FilterBar)
public:
    static constexpr int debounceMs = 150;

    explicit FilterBar(QWidget *parent = nullptr);
    ~FilterBar() override;

    BounceTableModel::Filter filter() const;
    // Sets the text and applies it at once (e.g. "filter to this domain").
    void setFilterText(const QString &text);
    void setTypeFilter(BounceTableModel::TypeFilter type);
    void setClassFilter(std::optional<BounceClass> bounceClass); // none: all classes
    // The list the table shows: the type and class filters are offered (and part of filter())
    // only for lists with a status; the text's placeholder names what it searches.
    void setList(SuppressionList list);
    QComboBox *typeBox() const { return m_type; }
    QComboBox *classBox() const { return m_class; }
    void setDateRange(const QDate &from, const QDate &to); // invalid: "any"
    void clear();
    void focusSearch(); // Ctrl+F

    QLineEdit *searchEdit() const { return m_text; }
    DateFilterEdit *fromEdit() const { return m_from; }
    DateFilterEdit *toEdit() const { return m_to; }

Q_SIGNALS:
    void filterChanged(const BounceTableModel::Filter &filter);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void applyNow();
    void updateClearButton();

    QLineEdit *m_text;
    QComboBox *m_type;
    QLabel *m_typeLabel;
    QComboBox *m_class;
    QLabel *m_classLabel;
    bool m_statusFilters = true; // the list has a status: type and class apply
    DateFilterEdit *m_from;
    DateFilterEdit *m_to;
    QToolButton *m_clear;
    QTimer *m_debounce;
    BounceTableModel::Filter m_applied;
};
