#include "bouncetableview.h"

#include "core/bouncetablemodel.h"
#include "core/formulaneutraliser.h"
#include "core/suppressionrow.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QDateTime>
#include <QHeaderView>
#include <QKeyEvent>
#include <QMenu>
#include <QPainter>
#include <QPushButton>
#include <QSettings>
#include <QStyledItemDelegate>
#include <QTimer>

#include <algorithm>

namespace {

// One remembered header per list: their columns differ.
QString headerKey(SuppressionList list) {
    return QStringLiteral("table/header/") + suppressionListCliName(list);
}

// Marks rows by their delete state: in flight greyed and italic, failed tinted red,
// unconfirmed (no answer came) tinted amber. The colour is not the only cue: the model's
// tooltip and the summary say why.
class RowStateDelegate final : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override {
        QStyledItemDelegate::initStyleOption(option, index);
        if (index.column() == BounceTableModel::CreatedColumn)
            option->text = BounceTableView::createdAsShown(option->text);
        using State = BounceTableModel::RowState;
        const auto state = State(index.data(BounceTableModel::StateRole).toInt());
        switch (state) {
        case State::Normal:
            break;
        case State::Deleting:
            option->font.setItalic(true);
            option->palette.setColor(QPalette::Text,
                                     option->palette.color(QPalette::PlaceholderText));
            break;
        case State::Failed:
            option->backgroundBrush = tint(option->palette, QColor(220, 53, 69));
            break;
        case State::Unconfirmed:
            option->backgroundBrush = tint(option->palette, QColor(255, 193, 7));
            break;
        }
    }

private:
    static QColor tint(const QPalette &palette, const QColor &colour) {
        const QColor base = palette.color(QPalette::Base);
        const auto mix = [](float a, float b) { return 0.7f * a + 0.3f * b; };
        return QColor::fromRgbF(mix(base.redF(), colour.redF()),
                                mix(base.greenF(), colour.greenF()),
                                mix(base.blueF(), colour.blueF()));
    }
};

// A cell as one TSV field: tabs and line breaks would split it, so they become spaces; it is
// pasted into spreadsheets, so it is neutralised as the CSV export is.
QString tsvField(QString text) {
    for (QChar &c : text) {
        if (c == u'\t' || c == u'\n' || c == u'\r')
            c = u' ';
    }
    return FormulaNeutraliser::neutralised(std::move(text));
}

} // namespace

QString BounceTableView::createdAsShown(const QString &created) {
    if (created.size() != 20 || created.at(10) != u'T' || !created.endsWith(u'Z'))
        return created;
    const QDateTime utc = QDateTime::fromString(created, Qt::ISODate);
    return utc.isValid() ? utc.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                         : created;
}

BounceTableView::BounceTableView(QWidget *parent)
    : QTableView(parent)
    , m_copyRows(new QAction(tr("&Copy Rows"), this))
    , m_copyAddress(new QAction(tr("Copy &Address"), this))
    , m_placeholderButton(new QPushButton(viewport())) {
    setObjectName(QStringLiteral("bounceTable"));
    setAccessibleName(suppressionListTitle(SuppressionList::Bounces)); // then the list shown
    setItemDelegate(new RowStateDelegate(this));
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setWordWrap(false);
    setTextElideMode(Qt::ElideRight);
    setAlternatingRowColors(true);
    setCornerButtonEnabled(false);
    setTabKeyNavigation(false); // Tab leaves the table, as elsewhere in the window

    // A million rows: never measure them. Fixed height from the font, set once.
    QHeaderView *rows = verticalHeader();
    rows->setSectionResizeMode(QHeaderView::Fixed);
    rows->setDefaultSectionSize(fontMetrics().height() + 8);
    rows->hide();

    QHeaderView *columns = horizontalHeader();
    columns->setSectionsMovable(true);
    columns->setHighlightSections(false);
    columns->setStretchLastSection(false);
    columns->setSortIndicatorShown(true);

    m_copyRows->setShortcut(QKeySequence::Copy);
    m_copyRows->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_copyRows->setToolTip(tr("Copy the selected rows as tab-separated text with a header row, "
                              "protected against spreadsheet formulas as the CSV export is"));
    addAction(m_copyRows);
    connect(m_copyRows, &QAction::triggered, this, &BounceTableView::copySelectedRows);
    connect(m_copyAddress, &QAction::triggered, this, &BounceTableView::copyCurrentAddress);

    m_placeholderButton->setObjectName(QStringLiteral("placeholderButton"));
    m_placeholderButton->hide();
    connect(m_placeholderButton, &QPushButton::clicked, this, [this] {
        if (m_placeholderAction)
            m_placeholderAction->trigger();
    });
}

BounceTableView::~BounceTableView() = default;

void BounceTableView::setBounceModel(BounceTableModel *model) {
    m_model = model;
    setModel(model);
    setUpColumns();
    // Enabling sorting sorts once by the indicator; later header clicks call model->sort().
    setSortingEnabled(true);
    // Each list its own columns: the outgoing list's header is remembered, the incoming one's
    // restored.
    connect(model, &BounceTableModel::listAboutToChange, this,
            [this](SuppressionList from) { saveHeaderState(from); });
    // The header's sort indicator (the remembered one, else newest first) sorts the model.
    connect(model, &BounceTableModel::listChanged, this, &BounceTableView::setUpColumns);

    connect(selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &BounceTableView::scheduleSelectionCount);
    connect(model, &QAbstractItemModel::modelReset, this, &BounceTableView::scheduleSelectionCount);
    connect(model, &QAbstractItemModel::rowsRemoved, this,
            &BounceTableView::scheduleSelectionCount);
    connect(model, &QAbstractItemModel::layoutChanged, this,
            &BounceTableView::scheduleSelectionCount);
    // The Retry under the placeholder goes with the placeholder: only while no row is shown.
    connect(model, &QAbstractItemModel::modelReset, this,
            &BounceTableView::updatePlaceholderButton);
    connect(model, &QAbstractItemModel::layoutChanged, this,
            &BounceTableView::updatePlaceholderButton);
    connect(model, &QAbstractItemModel::rowsInserted, this,
            &BounceTableView::updatePlaceholderButton);
    connect(model, &QAbstractItemModel::rowsRemoved, this,
            &BounceTableView::updatePlaceholderButton);
}

void BounceTableView::setUpColumns() {
    QHeaderView *columns = horizontalHeader();
    const auto width = [this, columns](SuppressionColumn column, int pixels) {
        const int section = m_model->section(column);
        if (section >= 0)
            columns->resizeSection(section, pixels);
    };
    width(SuppressionColumn::Email, 260);
    width(SuppressionColumn::Status, 70);
    width(SuppressionColumn::Reason, 480);
    width(SuppressionColumn::Created, 150);
    width(SuppressionColumn::Type, 60);
    width(SuppressionColumn::Class, 170);
    width(SuppressionColumn::Ip, 130);
    width(SuppressionColumn::GroupId, 80);
    width(SuppressionColumn::GroupName, 240);
    columns->setSortIndicator(m_model->section(SuppressionColumn::Created), Qt::DescendingOrder);
    restoreHeaderState();
    // The reason is the long text: it takes whatever width the other columns leave.
    for (int section = 0; section < m_model->columnCount(); ++section)
        columns->setSectionResizeMode(section, QHeaderView::Interactive);
    const int reason = m_model->section(SuppressionColumn::Reason);
    if (reason >= 0)
        columns->setSectionResizeMode(reason, QHeaderView::Stretch);
}

void BounceTableView::setSuppressionList(SuppressionList list) {
    if (m_model)
        m_model->setList(list);
}

SuppressionList BounceTableView::suppressionList() const {
    return m_model ? m_model->list() : SuppressionList::Bounces;
}

void BounceTableView::saveHeaderState() const {
    if (m_model)
        saveHeaderState(m_model->list());
}

void BounceTableView::saveHeaderState(SuppressionList list) const {
    QSettings().setValue(headerKey(list), horizontalHeader()->saveState());
}

void BounceTableView::restoreHeaderState() {
    const QByteArray state = QSettings().value(headerKey(m_model->list())).toByteArray();
    if (!state.isEmpty())
        horizontalHeader()->restoreState(state);
}

std::vector<int> BounceTableView::selectedViewRows() const {
    std::vector<std::pair<int, int>> spans; // [top, bottom]
    if (!selectionModel())
        return {};
    const QItemSelection selection = selectionModel()->selection();
    spans.reserve(size_t(selection.size()));
    for (const QItemSelectionRange &range : selection)
        spans.emplace_back(range.top(), range.bottom());
    std::sort(spans.begin(), spans.end());
    std::vector<int> rows;
    int next = 0; // first row not yet emitted; ranges may overlap after toggles
    for (const auto &[top, bottom] : spans) {
        for (int row = std::max(top, next); row <= bottom; ++row)
            rows.push_back(row);
        next = std::max(next, bottom + 1);
    }
    return rows;
}

qsizetype BounceTableView::selectedRowCount() const {
    if (!selectionModel())
        return 0;
    std::vector<std::pair<int, int>> spans;
    for (const QItemSelectionRange &range : selectionModel()->selection())
        spans.emplace_back(range.top(), range.bottom());
    std::sort(spans.begin(), spans.end());
    qsizetype count = 0;
    int next = 0;
    for (const auto &[top, bottom] : spans) {
        const int from = std::max(top, next);
        if (bottom >= from)
            count += bottom - from + 1;
        next = std::max(next, bottom + 1);
    }
    return count;
}

std::vector<BounceStore::Row> BounceTableView::selectedStoreRows() const {
    std::vector<BounceStore::Row> rows;
    if (!m_model)
        return rows;
    const std::vector<int> viewRows = selectedViewRows();
    rows.reserve(viewRows.size());
    for (const int row : viewRows)
        rows.push_back(m_model->storeRow(row));
    return rows;
}

QStringList BounceTableView::selectedEmails(qsizetype limit) const {
    QStringList emails;
    if (!m_model)
        return emails;
    const std::vector<int> rows = selectedViewRows();
    const qsizetype wanted =
        limit < 0 ? qsizetype(rows.size()) : qMin(limit, qsizetype(rows.size()));
    emails.reserve(wanted);
    const BounceStore &store = m_model->store();
    for (qsizetype i = 0; i < wanted; ++i)
        emails.append(store.email(m_model->storeRow(rows[size_t(i)])));
    return emails;
}

QString BounceTableView::selectedRowsAsText() const {
    if (!m_model)
        return {};
    const std::vector<int> rows = selectedViewRows();
    if (rows.empty())
        return {};
    // The CSV export's columns and header, so a paste and an export read alike.
    const QList<SuppressionColumn> columns = suppressionColumns(m_model->list());
    QString text;
    for (qsizetype i = 0; i < columns.size(); ++i) {
        if (i > 0)
            text += u'\t';
        text += suppressionColumnCsvName(columns[i]);
    }
    text += u'\n';
    const BounceStore &store = m_model->store();
    for (int row : rows) {
        const SuppressionRow cells = SuppressionRow::fromStore(store, m_model->storeRow(row));
        for (qsizetype i = 0; i < columns.size(); ++i) {
            if (i > 0)
                text += u'\t';
            const std::string_view cell = suppressionCellUtf8(cells, columns[i]);
            text += tsvField(QString::fromUtf8(cell.data(), qsizetype(cell.size())));
        }
        text += u'\n';
    }
    return text;
}

void BounceTableView::copySelectedRows() {
    const QString text = selectedRowsAsText();
    if (!text.isEmpty())
        QApplication::clipboard()->setText(text);
}

void BounceTableView::copyCurrentAddress() {
    const QModelIndex current = currentIndex();
    if (!m_model || !current.isValid())
        return;
    QApplication::clipboard()->setText(
        m_model->index(current.row(), BounceTableModel::EmailColumn).data().toString());
}

void BounceTableView::setPlaceholder(const QString &text, QAction *action) {
    if (text == m_placeholder && action == m_placeholderAction)
        return;
    m_placeholder = text;
    m_placeholderAction = action;
    if (action)
        m_placeholderButton->setText(action->text());
    updatePlaceholderButton();
    viewport()->update();
}

bool BounceTableView::showsPlaceholder() const {
    return !m_placeholder.isEmpty() && !(m_model && m_model->rowCount() > 0);
}

// The text, centred; with a button, the two centred together, the button under the text.
QRect BounceTableView::placeholderTextRect() const {
    const QRect area = viewport()->rect().adjusted(24, 24, -24, -24);
    QRect text =
        fontMetrics().boundingRect(area, Qt::AlignCenter | Qt::TextWordWrap, m_placeholder);
    if (!m_placeholderButton->isHidden())
        text.translate(0, -(m_placeholderButton->sizeHint().height() + 12) / 2);
    return text;
}

void BounceTableView::updatePlaceholderButton() {
    const bool wanted = m_placeholderAction && showsPlaceholder();
    m_placeholderButton->setVisible(wanted);
    if (!wanted)
        return;
    const QSize size = m_placeholderButton->sizeHint();
    const QRect text = placeholderTextRect();
    m_placeholderButton->setGeometry(QRect(
        QPoint(viewport()->rect().center().x() - size.width() / 2, text.bottom() + 12), size));
}

void BounceTableView::resizeEvent(QResizeEvent *event) {
    QTableView::resizeEvent(event);
    updatePlaceholderButton();
}

void BounceTableView::scrollContentsBy(int dx, int dy) {
    QTableView::scrollContentsBy(dx, dy); // moves the viewport's children too
    updatePlaceholderButton();
}

void BounceTableView::paintEvent(QPaintEvent *event) {
    QTableView::paintEvent(event);
    if (!showsPlaceholder())
        return;
    QPainter painter(viewport());
    painter.setPen(palette().color(QPalette::PlaceholderText));
    painter.drawText(placeholderTextRect(), Qt::AlignCenter | Qt::TextWordWrap, m_placeholder);
}

void BounceTableView::keyPressEvent(QKeyEvent *event) {
    // QAbstractItemView's own Copy puts only the current cell on the clipboard.
    if (event->matches(QKeySequence::Copy)) {
        copySelectedRows();
        event->accept();
        return;
    }
    QTableView::keyPressEvent(event);
}

void BounceTableView::contextMenuEvent(QContextMenuEvent *event) {
    const QModelIndex index = indexAt(viewport()->mapFromGlobal(event->globalPos()));
    // From the keyboard (Menu key) the current row is meant, not the one under the pointer.
    const QModelIndex row = event->reason() == QContextMenuEvent::Mouse ? index : currentIndex();
    if (!m_model || !row.isValid())
        return;
    if (!selectionModel()->isRowSelected(row.row(), {}))
        selectionModel()->select(row,
                                 QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    setCurrentIndex(row);

    const QString email =
        m_model->index(row.row(), BounceTableModel::EmailColumn).data().toString();
    const qsizetype at = email.lastIndexOf(u'@');
    const QString domain = at >= 0 ? email.mid(at) : QString();

    // popup(), not exec(): no nested event loop while rows keep streaming in.
    auto *menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->addAction(m_copyAddress);
    menu->addAction(m_copyRows);
    if (m_deleteAction) {
        menu->addSeparator();
        menu->addAction(m_deleteAction);
    }
    if (domain.size() > 1) {
        menu->addSeparator();
        // The domain is untrusted text, but QMenu does not render rich text; escape & only.
        QString shown = domain;
        shown.replace(u'&', QStringLiteral("&&"));
        QAction *filter = menu->addAction(tr("&Filter to %1").arg(shown));
        connect(filter, &QAction::triggered, this,
                [this, domain] { Q_EMIT filterToDomainRequested(domain); });
    }
    menu->popup(event->globalPos());
}

void BounceTableView::scheduleSelectionCount() {
    // Many selection changes arrive in one burst (Shift+End, model batches): count once.
    if (m_countPending)
        return;
    m_countPending = true;
    QTimer::singleShot(0, this, [this] {
        m_countPending = false;
        Q_EMIT selectionCountChanged(selectedRowCount());
    });
}
