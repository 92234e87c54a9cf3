// User → UserDto.
import type { UserDto } from "../../shared/schemas/auth.ts";

export function presentUser(user: {
  id: string;
  email: string;
  displayName: string;
  createdAt: Date;
}): UserDto {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    createdAt: user.createdAt.toISOString(),
  };
}
