import { Button, ButtonProps, Tooltip } from '@material-ui/core';
import { entityName } from './entityOwners';
import { ChangePermission } from './useChangePermission';

/**
 * A button that changes something: disabled, with the reason as its tooltip, when the user
 * may not make the change (PermissionNotice next to the controls says who can).
 */
export const ChangeButton = ({
  permission,
  disabledReason,
  disabled,
  ...props
}: ButtonProps & { permission: ChangePermission; disabledReason?: string }) => {
  const refused = !permission.allowed && !permission.loading;
  const reason = refused ? `Only the owners of ${entityName(permission.resourceRef)} can do this` : disabledReason;
  const button = <Button {...props} disabled={disabled || !permission.allowed} />;
  if (!reason || !(disabled || refused)) return button;
  // A disabled button fires no mouse events: the tooltip listens on a wrapper.
  return (
    <Tooltip title={reason}>
      <span>{button}</span>
    </Tooltip>
  );
};
