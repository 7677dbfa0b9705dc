//! The ERP hand-off: UBL 2.1 documents and a journal (being written).
