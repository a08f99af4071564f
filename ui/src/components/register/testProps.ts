/**
 * Extra props (data-testid, data-id, ...) for antd components whose prop types do not list them:
 * a table row (`onRow`), a Popconfirm's or a Modal's buttons. End-to-end tests find the app's
 * elements by these attributes.
 */
export const testProps = (props: Record<string, string | number>) => props as object;
