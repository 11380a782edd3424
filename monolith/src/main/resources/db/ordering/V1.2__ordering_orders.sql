-- The ordering module's schema. Books and customers are referenced by id only: no foreign keys across schemas.
CREATE TABLE ordering.orders (
    id             uuid PRIMARY KEY,
    customer_id    uuid          NOT NULL,
    customer_email varchar(254)  NOT NULL,
    status         varchar(16)   NOT NULL CHECK (status IN ('PLACED', 'CANCELLED', 'SHIPPED')),
    total          numeric(12, 2) NOT NULL CHECK (total >= 0),
    created_at     timestamptz   NOT NULL,
    updated_at     timestamptz   NOT NULL,
    version        bigint        NOT NULL DEFAULT 0
);
CREATE INDEX orders_customer ON ordering.orders (customer_id, created_at DESC);

CREATE TABLE ordering.order_lines (
    order_id   uuid          NOT NULL REFERENCES ordering.orders (id) ON DELETE CASCADE,
    line_no    integer       NOT NULL,
    book_id    uuid          NOT NULL,
    title      varchar(300)  NOT NULL,
    quantity   integer       NOT NULL CHECK (quantity > 0),
    unit_price numeric(10, 2) NOT NULL CHECK (unit_price >= 0),
    PRIMARY KEY (order_id, line_no)
);
