//! Files for people: Excel workbooks and PDF documents (being written).
