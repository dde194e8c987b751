import React from 'react';
import { sizes } from './shared.js';

/** A button. */
export default function Button({ label, size = 'small' }) {
  return <button className={size}>{label}</button>;
}
Button.propTypes = { size: sizes };
