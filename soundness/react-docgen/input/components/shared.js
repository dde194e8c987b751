import PropTypes from 'prop-types';

/** The sizes a button takes. */
export const sizes = PropTypes.oneOf(['small', 'large']);
