#pragma once

#include "core/bouncestore.h"
#include "core/suppressionlist.h"

#include <QPointer>
#include <QStringList>
#include <QTableView>

#include <vector>

class BounceTableModel;
class QAction;
class QPushButton;

// The bounce table: fixed row height (a million rows must not be measured), rows selected
// whole, sorting by header click through the model's own sort (newest first by default),
// column widths, order and sort remembered, rows being deleted or that failed to delete
// marked, a context menu and Ctrl+C as tab-separated text (with a header, formulas
// neutralised).
//
// Selections are read by walking QItemSelectionRanges: selectedRows() builds one index per
// row and takes seconds when a million rows are selected.
class BounceTableView final : public QTableView {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BounceTableView)
public:
    explicit BounceTableView(QWidget *parent = nullptr);
    ~BounceTableView() override;

    // The created column as shown: v3's ISO 8601 UTC ("2015-09-30T22:12:05Z", as stored and
    // exported) in local time; v2's server times as they come. Sorting and the date filter use
    // the model's key of the stored time.
    static QString createdAsShown(const QString &created);

    // Sets the model and restores the remembered header (widths, order, sort).
    void setBounceModel(BounceTableModel *model);
    void saveHeaderState() const;

    // Selected view rows, ascending, each once.
    std::vector<int> selectedViewRows() const;
    qsizetype selectedRowCount() const;
    // The store rows of the selected rows, in view order: what names them without making text
    // of each (BounceTableModel::storeGeneration() says how long the numbers hold).
    std::vector<BounceStore::Row> selectedStoreRows() const;
    // Addresses of the selected rows in view order; `limit` < 0 means all.
    QStringList selectedEmails(qsizetype limit = -1) const;
    // Selected rows as TSV: a header line, then one line per row in the order shown, with the
    // CSV export's columns and header names (suppressionColumns() of the list shown), cells
    // whole, tabs and line breaks as spaces, neutralised against spreadsheet formulas as the
    // export's are (empty when nothing is selected).
    QString selectedRowsAsText() const;
    // The model's list (BounceTableModel::setList()): its columns are shown and copied, each
    // list with its own remembered header.
    void setSuppressionList(SuppressionList list);
    SuppressionList suppressionList() const;

    // The action the context menu offers for deleting (owned by the main window).
    void setDeleteAction(QAction *action) { m_deleteAction = action; }
    QAction *copyRowsAction() const { return m_copyRows; }
    QAction *copyAddressAction() const { return m_copyAddress; }

    // Shown centred in the table while it has no rows ("Choose a customer…"); plain text.
    // With an action, a button under the text offers it (e.g. Retry after a failed load).
    void setPlaceholder(const QString &text, QAction *action = nullptr);
    void setPlaceholderText(const QString &text) { setPlaceholder(text); }
    QString placeholderText() const { return m_placeholder; }
    QPushButton *placeholderButton() const { return m_placeholderButton; }

    void copySelectedRows();
    void copyCurrentAddress();

Q_SIGNALS:
    void filterToDomainRequested(const QString &domainFilter);
    void selectionCountChanged(qsizetype count);

protected:
    void contextMenuEvent(QContextMenuEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    void setUpColumns(); // default widths, the reason stretched, then the list's remembered header
    void restoreHeaderState();
    void saveHeaderState(SuppressionList list) const;
    void scheduleSelectionCount();
    bool showsPlaceholder() const;
    QRect placeholderTextRect() const;
    void updatePlaceholderButton();

    BounceTableModel *m_model = nullptr;
    QAction *m_copyRows;
    QAction *m_copyAddress;
    QAction *m_deleteAction = nullptr;
    QString m_placeholder;
    QPushButton *m_placeholderButton;
    QPointer<QAction> m_placeholderAction;
    bool m_countPending = false;
};
